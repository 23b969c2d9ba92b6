package dev.schemagate.decoder.sampling;

import dev.schemagate.kernels.ops.GgmlIsa;
import dev.schemagate.kernels.ops.VectorExp;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks tokens from logits; one per sequence (it holds the random state and scratch arrays). Masked-out
 * tokens arrive as -Infinity logits and are never picked. Allocates nothing per call.
 *
 * <p>Sorting the vocabulary is the costly part (tens of thousands of tokens, every step, every sequence), so it
 * is done only as far as a cut needs: no sort without top-k or top-p, a selection for top-k, and a sorted head
 * that grows until it holds the top-p mass. The draw then walks the kept tokens in a fixed order, so a seed
 * repeats its choices.
 */
public final class Sampler {
    // Tokens this far below the best (in units of temperature) carry under e^-30 of its probability each.
    private static final float CUTOFF = 30f;
    // Weights under e^-CUTOFF become exactly 0, so masked tokens (and far-off ones) can never be drawn.
    private static final float FLOOR = (float) Math.exp(-CUTOFF);
    // The first sorted head tried for top-p; it grows eightfold while it holds less than the nucleus.
    private static final int NUCLEUS_HEAD = 64;

    private final SamplingParams params;
    private final SplittableRandom random;
    private final float[] weights;
    private final long[] keys;

    public Sampler(SamplingParams params, int vocabSize) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
        this.weights = new float[vocabSize];
        this.keys = new long[vocabSize];
    }

    /** The chosen token, or -1 when every logit is -Infinity (nothing allowed). */
    public int sample(float[] logits, int offset, int vocab) {
        int best = argmax(logits, offset, vocab);
        if (best < 0 || params.greedy()) return best;
        weigh(logits, offset, vocab, logits[offset + best]);
        if (params.topK() == 0 && params.topP() == 1f && params.minP() == 0f) return drawById(vocab);
        int n = 0;
        for (int i = 0; i < vocab; i++) if (weights[i] > 0f) keys[n++] = key(weights[i], i);
        if (params.topK() > 0 && params.topK() < n) {
            selectSmallest(keys, n, params.topK());
            n = params.topK();
        }
        if (params.topP() < 1f) n = nucleus(n);
        if (params.minP() > 0f) n = atLeastMinP(n, weights[best]);
        return drawByKey(n);
    }

    /** Highest logit, lowest id first on ties; -1 if all are -Infinity or NaN. */
    public static int argmax(float[] logits, int offset, int vocab) {
        int best = -1;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            if (logits[offset + i] > max) {
                max = logits[offset + i];
                best = i;
            }
        }
        return best;
    }

    /** weights[i] = e^((logit_i - max) / T), or 0 below e^-CUTOFF; the best token weighs about 1. */
    private void weigh(float[] logits, int offset, int vocab, float max) {
        float t = params.temperature();
        for (int i = 0; i < vocab; i++) {
            float z = (logits[offset + i] - max) / t;
            // Far-off and masked tokens get a finite stand-in that the exponential maps under FLOOR.
            weights[i] = z > -CUTOFF ? z : -2 * CUTOFF;
        }
        VectorExp.apply(weights, 0, vocab, GgmlIsa.HOST);
        for (int i = 0; i < vocab; i++) if (weights[i] < FLOOR) weights[i] = 0f;
    }

    private int drawById(int vocab) {
        double total = 0;
        int last = -1;
        for (int i = 0; i < vocab; i++) {
            if (weights[i] > 0f) {
                total += weights[i];
                last = i;
            }
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < vocab; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        return last;
    }

    private int drawByKey(int n) {
        double total = 0;
        for (int j = 0; j < n; j++) total += weights[id(keys[j])];
        double r = random.nextDouble() * total;
        for (int j = 0; j < n; j++) {
            r -= weights[id(keys[j])];
            if (r < 0) return id(keys[j]);
        }
        return id(keys[n - 1]);
    }

    /** Sorts the most likely tokens first and returns how many it takes to reach top-p of the mass of keys[0..n). */
    private int nucleus(int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) sum += weights[id(keys[j])];
        double needed = params.topP() * sum;
        int head = Math.min(n, NUCLEUS_HEAD);
        while (true) {
            selectSmallest(keys, n, head);
            Arrays.sort(keys, 0, head);
            double cumulative = 0;
            for (int j = 0; j < head; j++) {
                cumulative += weights[id(keys[j])];
                if (cumulative >= needed) return j + 1;
            }
            if (head == n) return n;
            head = (int) Math.min(n, head * 8L);
        }
    }

    /** Keeps, in place, the tokens at least min-p times as likely as the best one. */
    private int atLeastMinP(int n, float bestWeight) {
        float floor = params.minP() * bestWeight;
        int kept = 0;
        for (int j = 0; j < n; j++) if (weights[id(keys[j])] >= floor) keys[kept++] = keys[j];
        return kept;
    }

    /** Reorders a[0..n) so that a[0..k) hold its k smallest values, in no particular order (Hoare quickselect). */
    static void selectSmallest(long[] a, int n, int k) {
        int target = k - 1;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            long pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    long swap = a[i];
                    a[i++] = a[j];
                    a[j--] = swap;
                }
            }
            // Now a[lo..j] <= pivot <= a[i..hi], and anything between equals the pivot.
            if (target <= j) hi = j;
            else if (target >= i) lo = i;
            else return;
        }
    }

    private static long medianOfThree(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    // Ascending keys = descending weight, ties by ascending id: positive float bits order like the values.
    private static long key(float weight, int id) {
        return ((long) (Integer.MAX_VALUE - Float.floatToIntBits(weight)) << 32) | id;
    }

    private static int id(long key) {
        return (int) key;
    }
}
