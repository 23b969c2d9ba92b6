package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rotations against the textbook formula {@code theta_i = pos · base^(-2i/ropeDims)} evaluated in double, and bit for
 * bit against ggml's rope (f32 angle recurrence, glibc's sincosf, {@code x0·cos} fused into the sum).
 */
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

    private static void checkGgmlBits(int headDim, int ropeDims, boolean neox, float base) {
        int heads = 2;
        Rope rope = new Rope(headDim, ropeDims, base, 400, neox);
        Random random = new Random(ropeDims * 7L + headDim);
        float thetaScale = (float) Math.pow(base, -2f / ropeDims);
        for (int position : new int[] {0, 1, 5, 119, 120, 121, 399}) {
            float[] x = new float[heads * headDim];
            for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
            float[] rotated = x.clone();
            rope.rotate(rotated, 0, heads, headDim, position);
            // ggml_rope_cache_init and rotate_pairs: theta *= theta_scale in f32; dst0 = fma(x0, cos, -(x1·sin)), dst1 = fma(x0, sin, x1·cos)
            float theta = position;
            for (int i = 0; i < ropeDims / 2; i++) {
                float c = GlibcMath.cos(theta);
                float sn = GlibcMath.sin(theta);
                for (int h = 0; h < heads; h++) {
                    int[] p = pair(neox, ropeDims, i);
                    int a = h * headDim + p[0];
                    int b = h * headDim + p[1];
                    float expected0 = Math.fma(x[a], c, -(x[b] * sn));
                    float expected1 = Math.fma(x[a], sn, x[b] * c);
                    String where = (neox ? "neox" : "normal") + " pos " + position + " pair " + i;
                    assertEquals(Float.floatToRawIntBits(expected0), Float.floatToRawIntBits(rotated[a]), where);
                    assertEquals(Float.floatToRawIntBits(expected1), Float.floatToRawIntBits(rotated[b]), where);
                }
                theta *= thetaScale;
            }
        }
    }

    @Test
    void roundsLikeGgml() {
        checkGgmlBits(64, 64, false, 100000f);
        checkGgmlBits(64, 64, true, 1000000f);
        checkGgmlBits(40, 24, false, 10000f);
        checkGgmlBits(80, 40, true, 10000f);
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
