package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** In-place softmax with the maximum subtracted first, so no exponent overflows. */
public final class Softmax {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private Softmax() {
    }

    /**
     * Replaces {@code x[off..off+n)} by {@code exp(x - max) / sum}.
     *
     * @throws IllegalArgumentException if {@code n < 1} or every value is -Infinity (no distribution exists)
     */
    public static void apply(float[] x, int off, int n) {
        if (n <= 0) throw new IllegalArgumentException("softmax over " + n + " values");
        Objects.checkFromIndexSize(off, n, x.length);
        FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i + L <= n; i += L) mv = mv.max(FloatVector.fromArray(F, x, off + i));
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) max = Math.max(max, x[off + i]);
        if (max == Float.NEGATIVE_INFINITY) throw new IllegalArgumentException("softmax over " + n + " values that are all -Infinity");
        FloatVector sv = FloatVector.zero(F);
        i = 0;
        for (; i + L <= n; i += L) {
            FloatVector e = FloatVector.fromArray(F, x, off + i).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(x, off + i);
            sv = sv.add(e);
        }
        float sum = sv.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        FloatVectors.scale(x, off, n, 1f / sum);
    }
}
