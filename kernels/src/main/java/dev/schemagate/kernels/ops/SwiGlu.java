package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The gated feed-forward activation {@code out = silu(gate) · up} with {@code silu(g) = g / (1 + exp(-g))}. */
public final class SwiGlu {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private SwiGlu() {
    }

    /** Writes {@code n} values to {@code out[outOff..)}; {@code out} may alias {@code gate} or {@code up} at the same offset. */
    public static void apply(float[] gate, int gateOff, float[] up, int upOff, float[] out, int outOff, int n) {
        Objects.checkFromIndexSize(gateOff, n, gate.length);
        Objects.checkFromIndexSize(upOff, n, up.length);
        Objects.checkFromIndexSize(outOff, n, out.length);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector g = FloatVector.fromArray(F, gate, gateOff + i);
            FloatVector silu = g.div(g.neg().lanewise(VectorOperators.EXP).add(1f));
            silu.mul(FloatVector.fromArray(F, up, upOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            float g = gate[gateOff + i];
            out[outOff + i] = g / (1f + (float) Math.exp(-g)) * up[upOff + i];
        }
    }
}
