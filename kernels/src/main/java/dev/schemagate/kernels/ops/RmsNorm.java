package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Root-mean-square normalisation in ggml's order: {@code out = (x · 1/sqrt(mean(x²) + eps)) · weight}. */
public final class RmsNorm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private RmsNorm() {
    }

    /**
     * Normalises {@code x[xOff..xOff+n)} into {@code out[outOff..)} with {@code weight[0..n)}; {@code out} may be
     * {@code x} at the same offset. Squares are summed in f32 lanes (ggml sums them in double; the difference is
     * rounding of the mean, about 1e-7 relative).
     */
    public static void apply(float[] out, int outOff, float[] x, int xOff, float[] weight, int n, float eps) {
        if (n <= 0) throw new IllegalArgumentException("RMS norm over " + n + " values");
        Objects.checkFromIndexSize(xOff, n, x.length);
        Objects.checkFromIndexSize(outOff, n, out.length);
        Objects.checkFromIndexSize(0, n, weight.length);
        FloatVector s0 = FloatVector.zero(F), s1 = s0;
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            FloatVector a = FloatVector.fromArray(F, x, xOff + i);
            FloatVector b = FloatVector.fromArray(F, x, xOff + i + L);
            s0 = a.fma(a, s0);
            s1 = b.fma(b, s1);
        }
        float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) sum += x[xOff + i] * x[xOff + i];
        float scale = (float) (1.0 / Math.sqrt(sum / n + eps));
        i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, x, xOff + i).mul(scale).mul(FloatVector.fromArray(F, weight, i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = x[xOff + i] * scale * weight[i];
    }
}
