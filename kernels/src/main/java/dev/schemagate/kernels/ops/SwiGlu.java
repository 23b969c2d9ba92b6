package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gated feed-forward activation {@code out = silu(gate) · up} with {@code silu(g) = g / (1 + exp(-g))}, rounded
 * like ggml's {@code ggml_vec_swiglu_f32} on AVX-512: whole blocks of 16 use ggml's vector {@code exp}
 * ({@link VectorExp}), the last {@code n mod 16} values glibc's {@code expf} ({@link GlibcMath#exp}).
 */
public final class SwiGlu {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** ggml's AVX-512 loop width: values before the last multiple of it take the vector formula. */
    private static final int BLOCK = 16;

    private SwiGlu() {
    }

    /**
     * Writes {@code n} values to {@code out[outOff..)}; {@code out} may alias {@code gate} or {@code up} at the same
     * offset. The range is one ggml row: a caller that splits a row must split it at multiples of 16 from its start.
     */
    public static void apply(float[] gate, int gateOff, float[] up, int upOff, float[] out, int outOff, int n) {
        Objects.checkFromIndexSize(gateOff, n, gate.length);
        Objects.checkFromIndexSize(upOff, n, up.length);
        Objects.checkFromIndexSize(outOff, n, out.length);
        int blocks = n - n % BLOCK;
        int i = 0;
        for (; i + L <= blocks; i += L) {
            FloatVector g = FloatVector.fromArray(F, gate, gateOff + i);
            FloatVector x = FloatVector.zero(F).sub(g);
            FloatVector binade = VectorExp.binade(x);
            if (!VectorExp.normalPowers(binade)) {
                for (int j = i; j < i + L; j++) out[outOff + j] = blockSilu(gate[gateOff + j]) * up[upOff + j];
                continue;
            }
            g.div(VectorExp.exp(x, binade).add(1f)).mul(FloatVector.fromArray(F, up, upOff + i)).intoArray(out, outOff + i);
        }
        for (; i < blocks; i++) out[outOff + i] = blockSilu(gate[gateOff + i]) * up[upOff + i];
        for (; i < n; i++) {
            float g = gate[gateOff + i];
            out[outOff + i] = g / (1f + GlibcMath.exp(-g)) * up[upOff + i];
        }
    }

    private static float blockSilu(float g) {
        return g / (1f + VectorExp.exp(0f - g));
    }
}
