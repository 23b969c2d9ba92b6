package dev.schemagate.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

/** Checks a matrix's products against double-precision dots of its rows, as given by an independent decoder. */
final class FloatProductCheck {
    private FloatProductCheck() {
    }

    /**
     * Multiplies {@code n} random activation rows through {@code m} over {@code [rowStart, rowEnd)} into a strided
     * output and compares every value with {@code sum(w·x)} within {@code 1e-5·sum|w·x|}; untouched outputs must
     * stay untouched.
     */
    static void check(WeightMatrix m, float[] weights, int n, int rowStart, int rowEnd, long seed) {
        int cols = m.cols();
        Random random = new Random(seed);
        float[] x = new float[3 + n * cols];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
        Activations acts = m.newActivations(n + 1);
        m.prepare(x, 3, n, acts);
        int stride = m.rows() + 5;
        float[] out = new float[2 + n * stride];
        Arrays.fill(out, Float.NaN);
        m.multiply(acts, n, out, 2, stride, rowStart, rowEnd);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < stride; r++) {
                float got = out[2 + i * stride + r];
                if (r < rowStart || r >= rowEnd) {
                    assertEquals(Float.NaN, got, "output outside the row range was written at row " + r);
                    continue;
                }
                double sum = 0;
                double magnitude = 0;
                for (int c = 0; c < cols; c++) {
                    double p = (double) weights[r * cols + c] * x[3 + i * cols + c];
                    sum += p;
                    magnitude += Math.abs(p);
                }
                assertEquals(sum, got, 1e-5 * magnitude + 1e-30, m.type() + " n=" + n + " row " + r + " activation row " + i);
            }
        }
    }
}
