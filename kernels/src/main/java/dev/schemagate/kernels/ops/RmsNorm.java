package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Root-mean-square normalisation rounded like ggml's {@code rms_norm} followed by {@code mul} (fused or not, the
 * CPU backend gives the same bits): {@code out = (x · scale) · weight} with {@code scale = 1/sqrtf(mean + eps)}.
 */
public final class RmsNorm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private RmsNorm() {
    }

    /**
     * Normalises {@code x[xOff..xOff+n)} into {@code out[outOff..)} with {@code weight[0..n)}; {@code out} may be
     * {@code x} at the same offset. As in ggml the f32 squares are summed in order in double, the mean is that sum
     * over {@code n} rounded to f32, and the scale is computed in f32.
     */
    public static void apply(float[] out, int outOff, float[] x, int xOff, float[] weight, int n, float eps) {
        if (n <= 0) throw new IllegalArgumentException("RMS norm over " + n + " values");
        Objects.checkFromIndexSize(xOff, n, x.length);
        Objects.checkFromIndexSize(outOff, n, out.length);
        Objects.checkFromIndexSize(0, n, weight.length);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += x[xOff + i] * x[xOff + i];
        float mean = (float) (sum / n);
        float scale = 1f / (float) Math.sqrt(mean + eps);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, x, xOff + i).mul(scale).mul(FloatVector.fromArray(F, weight, i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = x[xOff + i] * scale * weight[i];
    }
}
