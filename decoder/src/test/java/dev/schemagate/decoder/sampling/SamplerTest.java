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
