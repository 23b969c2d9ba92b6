package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RMSNorm, softmax, SwiGLU and the basic vector ops against double-precision scalar references, and RMSNorm and SwiGLU
 * bit for bit against ggml's order ({@link GgmlReference}).
 */
class ElementwiseOpsTest {
    /** Lengths that cover empty vector loops, exact vector multiples and scalar tails for 8 or 16 lanes. */
    private static final int[] LENGTHS = {1, 3, 15, 16, 17, 64, 100, 576, 1537};

    private static float[] gaussian(Random random, int n, double sigma) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (random.nextGaussian() * sigma);
        return v;
    }

    @Test
    void rmsNormMatchesScalarReferenceInPlaceAndOutOfPlace() {
        Random random = new Random(1);
        for (int n : LENGTHS) {
            float[] x = gaussian(random, n + 5, 3);
            float[] w = gaussian(random, n, 1);
            double ss = 0;
            for (int i = 0; i < n; i++) ss += (double) x[2 + i] * x[2 + i];
            double scale = 1 / Math.sqrt(ss / n + 1e-5);
            float[] out = new float[n + 1];
            RmsNorm.apply(out, 1, x, 2, w, n, 1e-5f);
            float[] inPlace = x.clone();
            RmsNorm.apply(inPlace, 2, inPlace, 2, w, n, 1e-5f);
            for (int i = 0; i < n; i++) {
                double expected = x[2 + i] * scale * w[i];
                // f32 sum of squares and two f32 products: a few ulps of the result
                assertEquals(expected, out[1 + i], 1e-5 * Math.abs(expected) + 1e-30, "n=" + n + " i=" + i);
                assertEquals(out[1 + i], inPlace[2 + i], "in place n=" + n + " i=" + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> RmsNorm.apply(new float[4], 0, new float[4], 0, new float[4], 0, 1e-5f));
        assertThrows(IndexOutOfBoundsException.class, () -> RmsNorm.apply(new float[4], 0, new float[4], 1, new float[4], 4, 1e-5f));
    }

    @Test
    void rmsNormRoundsLikeGgml() {
        Random random = new Random(5);
        for (int n : LENGTHS) {
            float[] x = gaussian(random, n, 3);
            float[] w = gaussian(random, n, 1);
            // ggml_compute_forward_rms_norm_f32 then mul: f32 squares summed in order in double, f32 mean and scale
            double sum = 0;
            for (int i = 0; i < n; i++) sum += (double) (x[i] * x[i]);
            float mean = (float) (sum / n);
            float scale = 1.0f / (float) Math.sqrt(mean + 1e-5f);
            float[] out = new float[n];
            RmsNorm.apply(out, 0, x, 0, w, n, 1e-5f);
            for (int i = 0; i < n; i++) {
                float expected = (x[i] * scale) * w[i];
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[i]), "n=" + n + " i=" + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GgmlIsa.class)
    void swiGluRoundsLikeGgml(GgmlIsa isa) {
        Random random = new Random(6);
        for (int n : LENGTHS) {
            float[] gate = gaussian(random, n, 6);
            float[] up = gaussian(random, n, 2);
            if (n > 20) {
                // lanes whose exp(-g) is subnormal, saturated or overflows, inside a block of 8 or 16
                gate[3] = 95f;
                gate[4] = -95f;
                gate[5] = 200f;
                gate[6] = -200f;
            }
            float[] out = new float[n];
            SwiGlu.apply(gate, 0, up, 0, out, 0, n, isa);
            // ggml's loop takes whole registers of 16 (AVX-512) or 8 (AVX2) lanes, the rest one by one with expf
            int blocks = n - n % (isa == GgmlIsa.AVX512 ? 16 : 8);
            for (int i = 0; i < n; i++) {
                float g = gate[i];
                float e = i < blocks ? GgmlReference.vectorExp(0f - g, isa) : GlibcMath.exp(-g);
                float expected = g / (1f + e) * up[i];
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[i]), isa + " n=" + n + " i=" + i + " gate " + g);
            }
        }
    }

    @Test
    void softmaxMatchesScalarReference() {
        Random random = new Random(2);
        for (int n : LENGTHS) {
            float[] x = gaussian(random, n + 3, 20);
            if (n > 1) x[1] = Float.NEGATIVE_INFINITY;
            float[] original = x.clone();
            Softmax.apply(x, 1, n);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) max = Math.max(max, original[1 + i]);
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.exp(original[1 + i] - max);
            double total = 0;
            for (int i = 0; i < n; i++) {
                double expected = Math.exp(original[1 + i] - max) / sum;
                // x - max rounds to f32 (relative error |x - max|·2^-24 after exp); exp and the sum add a few ulps
                double spread = expected == 0 ? 0 : Math.abs(original[1 + i] - max);
                double tolerance = expected * (2e-6 + spread * 0x1p-23) + 1e-30;
                assertEquals(expected, x[1 + i], tolerance, "n=" + n + " i=" + i);
                total += x[1 + i];
            }
            assertEquals(1.0, total, 1e-5);
            assertEquals(original[0], x[0]);
            assertEquals(original[n + 1], x[n + 1]);
        }
        float[] large = {1000f, 1000f, -1000f};
        Softmax.apply(large, 0, 3);
        assertEquals(0.5f, large[0]);
        assertEquals(0f, large[2]);
        assertThrows(IllegalArgumentException.class,
                () -> Softmax.apply(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 0, 2));
    }

    @Test
    void swiGluMatchesScalarReference() {
        Random random = new Random(3);
        for (int n : LENGTHS) {
            float[] gate = gaussian(random, n + 1, 4);
            float[] up = gaussian(random, n + 2, 2);
            gate[1] = -200f;
            gate[n] = 90f;
            float[] out = new float[n];
            SwiGlu.apply(gate, 1, up, 2, out, 0, n);
            for (int i = 0; i < n; i++) {
                double g = gate[1 + i];
                double expected = g / (1 + Math.exp(-g)) * up[2 + i];
                assertEquals(expected, out[i], 1e-6 * Math.abs(expected) + 1e-37, "n=" + n + " i=" + i);
            }
            float[] aliased = gate.clone();
            SwiGlu.apply(aliased, 1, up, 2, aliased, 1, n);
            for (int i = 0; i < n; i++) assertEquals(out[i], aliased[1 + i], "aliased n=" + n + " i=" + i);
        }
    }

    @Test
    void vectorOpsMatchScalarReferences() {
        Random random = new Random(4);
        for (int n : LENGTHS) {
            float[] a = gaussian(random, n + 3, 1);
            float[] b = gaussian(random, n + 1, 1);
            double dot = 0;
            double magnitude = 0;
            for (int i = 0; i < n; i++) {
                dot += (double) a[3 + i] * b[1 + i];
                magnitude += Math.abs((double) a[3 + i] * b[1 + i]);
            }
            assertEquals(dot, FloatVectors.dot(a, 3, b, 1, n), 1e-6 * magnitude, "dot n=" + n);

            float[] y = b.clone();
            FloatVectors.axpy(0.37f, a, 3, y, 1, n);
            for (int i = 0; i < n; i++) assertEquals(b[1 + i] + 0.37 * a[3 + i], y[1 + i], 1e-6 * (Math.abs(b[1 + i]) + Math.abs(a[3 + i])), "axpy");
            assertEquals(b[0], y[0]);

            float[] s = b.clone();
            FloatVectors.add(s, 1, a, 3, n);
            for (int i = 0; i < n; i++) assertEquals(b[1 + i] + a[3 + i], s[1 + i], "add n=" + n + " i=" + i);

            float[] t = a.clone();
            FloatVectors.scale(t, 3, n, -2.5f);
            for (int i = 0; i < n; i++) assertEquals(a[3 + i] * -2.5f, t[3 + i], "scale n=" + n + " i=" + i);
            assertEquals(a[2], t[2]);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> FloatVectors.dot(new float[4], 1, new float[4], 0, 4));
    }
}
