package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gated feed-forward activation {@code out = silu(gate) · up} with {@code silu(g) = g / (1 + exp(-g))}, rounded
 * like ggml's {@code ggml_vec_swiglu_f32}: whole blocks of its register width ({@link GgmlIsa#floatLanes}) use its
 * vector {@code exp} ({@link VectorExp}), the values after the last whole block glibc's {@code expf}
 * ({@link GlibcMath#exp}).
 */
public final class SwiGlu {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private SwiGlu() {
    }

    /** {@link #apply(float[], int, float[], int, float[], int, int, GgmlIsa)} in this CPU's order. */
    public static void apply(float[] gate, int gateOff, float[] up, int upOff, float[] out, int outOff, int n) {
        apply(gate, gateOff, up, upOff, out, outOff, n, GgmlIsa.HOST);
    }

    /**
     * Writes {@code n} values to {@code out[outOff..)} as {@code isa}'s build rounds them; {@code out} may alias
     * {@code gate} or {@code up} at the same offset. The range is one ggml row: a caller that splits a row must split
     * it at multiples of 16 from its start.
     */
    public static void apply(float[] gate, int gateOff, float[] up, int upOff, float[] out, int outOff, int n, GgmlIsa isa) {
        Objects.checkFromIndexSize(gateOff, n, gate.length);
        Objects.checkFromIndexSize(upOff, n, up.length);
        Objects.checkFromIndexSize(outOff, n, out.length);
        int blocks = n - n % isa.floatLanes();
        int i = 0;
        for (; i + L <= blocks; i += L) {
            boolean vectorized = isa == GgmlIsa.AVX512
                    ? vector512(gate, gateOff + i, up, upOff + i, out, outOff + i)
                    : vector256(gate, gateOff + i, up, upOff + i, out, outOff + i);
            if (!vectorized) {
                for (int j = i; j < i + L; j++) out[outOff + j] = blockSilu(gate[gateOff + j], isa) * up[upOff + j];
            }
        }
        for (; i < blocks; i++) out[outOff + i] = blockSilu(gate[gateOff + i], isa) * up[upOff + i];
        for (; i < n; i++) {
            float g = gate[gateOff + i];
            out[outOff + i] = g / (1f + GlibcMath.exp(-g)) * up[upOff + i];
        }
    }

    /** One vector of AVX-512's formula; false (nothing written) when a lane needs the scalar path. */
    private static boolean vector512(float[] gate, int gateAt, float[] up, int upAt, float[] out, int outAt) {
        FloatVector g = FloatVector.fromArray(F, gate, gateAt);
        FloatVector x = FloatVector.zero(F).sub(g);
        FloatVector binade = VectorExp.binade(x);
        if (!VectorExp.normalPowers(binade)) return false;
        g.div(VectorExp.exp(x, binade).add(1f)).mul(FloatVector.fromArray(F, up, upAt)).intoArray(out, outAt);
        return true;
    }

    /** One vector of AVX2's formula; false (nothing written) when a lane needs the scalar path. */
    private static boolean vector256(float[] gate, int gateAt, float[] up, int upAt, float[] out, int outAt) {
        FloatVector g = FloatVector.fromArray(F, gate, gateAt);
        FloatVector x = FloatVector.zero(F).sub(g);
        FloatVector shifted = VectorExp.shifted(x);
        if (!VectorExp.directScaling(shifted)) return false;
        g.div(VectorExp.exp256(x, shifted).add(1f)).mul(FloatVector.fromArray(F, up, upAt)).intoArray(out, outAt);
        return true;
    }

    private static float blockSilu(float g, GgmlIsa isa) {
        return g / (1f + VectorExp.exp(0f - g, isa));
    }
}
