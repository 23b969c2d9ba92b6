package dev.schemagate.decoder.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks tokens from logits; one per sequence (it holds the random state and scratch arrays). Masked-out
 * tokens arrive as -Infinity logits and are never picked. Allocates nothing per call.
 */
public final class Sampler {
    // Tokens this far below the best (in units of temperature) carry under e^-30 of its probability each.
    private static final float CUTOFF = 30f;

    private final SamplingParams params;
    private final SplittableRandom random;
    private final long[] keys;
    private final float[] probabilities;

    public Sampler(SamplingParams params, int vocabSize) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
        this.keys = new long[vocabSize];
        this.probabilities = new float[vocabSize];
    }

    /** The chosen token, or -1 when every logit is -Infinity (nothing allowed). */
    public int sample(float[] logits, int offset, int vocab) {
        int best = argmax(logits, offset, vocab);
        if (best < 0 || params.greedy()) return best;
        float max = logits[offset + best];
        float t = params.temperature();
        int n = 0;
        for (int i = 0; i < vocab; i++) {
            float z = (logits[offset + i] - max) / t;
            if (z > -CUTOFF) keys[n++] = sortKey(z, i);
        }
        // Ascending keys = descending z, ties by ascending id, so results do not depend on the sort's stability.
        Arrays.sort(keys, 0, n);
        if (params.topK() > 0) n = Math.min(n, params.topK());
        double sum = 0;
        for (int j = 0; j < n; j++) {
            probabilities[j] = (float) Math.exp(z(keys[j]));
            sum += probabilities[j];
        }
        if (params.topP() < 1f) {
            double cumulative = 0;
            for (int j = 0; j < n; j++) {
                cumulative += probabilities[j] / sum;
                if (cumulative >= params.topP()) {
                    n = j + 1;
                    break;
                }
            }
        }
        if (params.minP() > 0f) {
            int kept = 1;
            while (kept < n && probabilities[kept] >= params.minP() * probabilities[0]) kept++;
            n = kept;
        }
        double total = 0;
        for (int j = 0; j < n; j++) total += probabilities[j];
        double r = random.nextDouble() * total;
        for (int j = 0; j < n; j++) {
            r -= probabilities[j];
            if (r < 0) return id(keys[j]);
        }
        return id(keys[n - 1]);
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

    // z is in (-CUTOFF, 0]: -z as non-negative float bits orders like the value; the id breaks ties.
    private static long sortKey(float z, int id) {
        return ((long) Float.floatToIntBits(-z + 0f) << 32) | id;
    }

    private static float z(long key) {
        return -Float.intBitsToFloat((int) (key >>> 32));
    }

    private static int id(long key) {
        return (int) key;
    }
}
