package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rotations against the textbook formula {@code theta_i = pos · base^(-2i/ropeDims)} evaluated in double. */
class RopeTest {
    /** Pair {@code i} of a head: indices of its two members. */
    private static int[] pair(boolean neox, int ropeDims, int i) {
        return neox ? new int[] {i, i + ropeDims / 2} : new int[] {2 * i, 2 * i + 1};
    }

    private static void check(int headDim, int ropeDims, boolean neox, float[] factors) {
        int heads = 3;
        int maxPositions = 3000;
        float base = 10000f;
        Rope rope = new Rope(headDim, ropeDims, base, maxPositions, neox, factors);
        Random random = new Random(headDim * 31L + ropeDims);
        for (int position : new int[] {0, 1, 7, 100, 2999}) {
            float[] x = new float[2 + heads * headDim];
            for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
            float[] original = x.clone();
            rope.rotate(x, 2, heads, headDim, position);
            // ggml's f32 angle recurrence drifts by about i ulps of theta: 1e-7 relative per step, times the position
            double tolerance = 2e-6 + position * 2e-7 * ropeDims;
            for (int h = 0; h < heads; h++) {
                int at = 2 + h * headDim;
                for (int i = 0; i < ropeDims / 2; i++) {
                    double theta = position * Math.pow(base, -2.0 * i / ropeDims) / (factors == null ? 1 : factors[i]);
                    int[] p = pair(neox, ropeDims, i);
                    double x0 = original[at + p[0]];
                    double x1 = original[at + p[1]];
                    String where = (neox ? "neox" : "normal") + " pos " + position + " head " + h + " pair " + i;
                    assertEquals(x0 * Math.cos(theta) - x1 * Math.sin(theta), x[at + p[0]], tolerance, where);
                    assertEquals(x0 * Math.sin(theta) + x1 * Math.cos(theta), x[at + p[1]], tolerance, where);
                }
                for (int d = ropeDims; d < headDim; d++) assertEquals(original[at + d], x[at + d], "unrotated dimension " + d);
            }
            assertEquals(original[0], x[0]);
            assertEquals(original[1], x[1]);
        }
    }

    @Test
    void normalRotatesAdjacentPairs() {
        check(64, 64, false, null);
        check(128, 128, false, null);
        check(40, 24, false, null);
    }

    @Test
    void neoxRotatesHalves() {
        check(64, 64, true, null);
        check(128, 128, true, null);
        check(80, 40, true, null);
    }

    @Test
    void frequencyFactorsDivideTheAngle() {
        float[] factors = new float[32];
        for (int i = 0; i < 32; i++) factors[i] = 1 + i / 4f;
        check(64, 64, false, factors);
        check(64, 64, true, factors);
    }

    @Test
    void positionZeroIsIdentityAndBadArgumentsAreRefused() {
        Rope rope = new Rope(64, 64, 10000f, 16, true);
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) x[i] = i;
        rope.rotate(x, 0, 1, 64, 0);
        for (int i = 0; i < 64; i++) assertEquals(i, x[i]);
        assertThrows(IndexOutOfBoundsException.class, () -> rope.rotate(x, 0, 1, 64, 16));
        assertThrows(IllegalArgumentException.class, () -> rope.rotate(x, 0, 1, 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new Rope(64, 65, 10000f, 16, true));
        assertThrows(IllegalArgumentException.class, () -> new Rope(64, 64, 10000f, 16, true, new float[3]));
    }
}
