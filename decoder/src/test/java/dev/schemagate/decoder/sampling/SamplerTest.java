package dev.schemagate.decoder.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final float NO = Float.NEGATIVE_INFINITY;

    @Test
    void greedyTakesTheLargestLogitAndTheLowestIdOnTies() {
        Sampler s = new Sampler(SamplingParams.GREEDY, 5);
        assertEquals(3, s.sample(new float[] {1, 2, 0, 5, 4}, 0, 5));
        assertEquals(1, s.sample(new float[] {1, 7, 0, 7, 4}, 0, 5));
        assertEquals(-1, s.sample(new float[] {NO, NO, NO}, 0, 3));
    }

    @Test
    void drawsFollowTheSoftmax() {
        // logits ln 3 and 0: probabilities 3/4 and 1/4; masked tokens never come up.
        float[] logits = {(float) Math.log(3), 0f, NO, NO};
        Sampler s = new Sampler(new SamplingParams(1f, 0, 1f, 0f, 42), 4);
        int draws = 40_000;
        int first = 0;
        for (int i = 0; i < draws; i++) {
            int t = s.sample(logits, 0, 4);
            assertTrue(t == 0 || t == 1, "masked token " + t + " drawn");
            if (t == 0) first++;
        }
        assertEquals(0.75, first / (double) draws, 0.01);
    }

    @Test
    void temperatureSharpens() {
        float[] logits = {(float) Math.log(3), 0f};
        Sampler s = new Sampler(new SamplingParams(0.5f, 0, 1f, 0f, 7), 2);
        int first = 0;
        for (int i = 0; i < 40_000; i++) if (s.sample(logits, 0, 2) == 0) first++;
        assertEquals(0.9, first / 40_000.0, 0.01); // 9:1 at temperature 1/2
    }

    @Test
    void topKTopPAndMinPCutTheTail() {
        float[] logits = {3f, 2.9f, 0f, -1f};
        Sampler topK = new Sampler(new SamplingParams(1f, 2, 1f, 0f, 1), 4);
        Sampler topP = new Sampler(new SamplingParams(1f, 0, 0.5f, 0f, 1), 4);
        Sampler minP = new Sampler(new SamplingParams(1f, 0, 1f, 0.5f, 1), 4);
        for (int i = 0; i < 2_000; i++) {
            assertTrue(topK.sample(logits, 0, 4) < 2);
            assertEquals(0, topP.sample(logits, 0, 4)); // the first token alone holds over half the mass
            assertTrue(minP.sample(logits, 0, 4) < 2);
        }
    }

    @Test
    void topPGrowsItsSortedHeadUntilItHoldsTheNucleus() {
        // 10,000 equally likely tokens: the nucleus of 0.9 is the first 9,000 by id (ties go to the lower id),
        // far past the first sorted head; masked odd tokens above 10,000 never come up.
        int vocab = 12_000;
        float[] logits = new float[vocab];
        for (int i = 10_000; i < vocab; i++) logits[i] = i % 2 == 0 ? -50f : NO;
        Sampler s = new Sampler(new SamplingParams(1f, 0, 0.9f, 0f, 3), vocab);
        int highest = 0;
        for (int i = 0; i < 20_000; i++) highest = Math.max(highest, s.sample(logits, 0, vocab));
        assertTrue(highest < 9_000, "drew " + highest + " outside the nucleus");
        assertTrue(highest > 8_000, "the nucleus was cut short: highest draw " + highest);
    }

    @Test
    void topKKeepsTheKLargestAndBreaksTiesByLowerId() {
        float[] logits = {1f, 5f, 3f, 5f, 4f, 3f, NO};
        Sampler s = new Sampler(new SamplingParams(1f, 4, 1f, 0f, 5), logits.length);
        int[] seen = new int[logits.length];
        for (int i = 0; i < 20_000; i++) seen[s.sample(logits, 0, logits.length)]++;
        // Kept: 1 and 3 (5), 4 (4), and 2 of the two 3s; 5, 0 and the masked 6 never.
        assertEquals(0, seen[0] + seen[5] + seen[6], Arrays.toString(seen));
        assertTrue(seen[1] > 0 && seen[2] > 0 && seen[3] > 0 && seen[4] > 0, Arrays.toString(seen));
    }

    @Test
    void selectionPutsTheKSmallestFirst() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(400);
            long[] a = new long[n];
            // Few distinct values, so that runs equal to the pivot are common.
            for (int i = 0; i < n; i++) a[i] = random.nextInt(round % 2 == 0 ? 8 : 1_000_000);
            int k = 1 + random.nextInt(n);
            long[] sorted = a.clone();
            Arrays.sort(sorted);
            Sampler.selectSmallest(a, n, k);
            long[] head = Arrays.copyOf(a, k);
            Arrays.sort(head);
            assertEquals(Arrays.toString(Arrays.copyOf(sorted, k)), Arrays.toString(head), "n=" + n + " k=" + k);
        }
    }

    @Test
    void aSeedRepeatsAndAnotherSeedDiffers() {
        float[] logits = new float[100];
        int[] a = draws(11, logits);
        assertEquals(Arrays.toString(a), Arrays.toString(draws(11, logits)));
        assertNotEquals(Arrays.toString(a), Arrays.toString(draws(12, logits)));
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(-1f, 0, 1f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, 0, 0f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, -2, 1f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(Float.NaN, 0, 1f, 0f, 0));
    }

    private static int[] draws(long seed, float[] logits) {
        Sampler s = new Sampler(new SamplingParams(1f, 0, 1f, 0f, seed), logits.length);
        int[] out = new int[20];
        for (int i = 0; i < out.length; i++) out[i] = s.sample(logits, 0, logits.length);
        return out;
    }
}
