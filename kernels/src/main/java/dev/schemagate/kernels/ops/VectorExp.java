package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ggml's AVX-512 {@code ggml_v_expf} (after ARM's optimized routines), which its SiLU and softmax use: {@code x = n·ln2
 * + b} with {@code n} rounded to an integer, a degree-5 polynomial in {@code b}, then {@code scalef} by {@code 2^n};
 * within about 2 ulp of {@code e^x}, 0 below about -104 and infinity above about 88.4.
 */
public final class VectorExp {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private static final float ROUND = 0x1.8p23f;
    private static final float LOG2E = 0x1.715476p+0f;
    private static final float LN2_HI = 0x1.62e4p-1f;
    private static final float LN2_LO = 0x1.7f7d1cp-20f;
    private static final float P1 = 0x1.ffffecp-1f;
    private static final float P2 = 0x1.fffdb6p-2f;
    private static final float P3 = 0x1.555e66p-3f;
    private static final float P4 = 0x1.573e2ep-5f;
    private static final float P5 = 0x1.0e4020p-7f;
    /** Beyond this many binades the approximation returns 0 or infinity outright. */
    private static final float SATURATION = 192f;

    private VectorExp() {
    }

    /** The approximation for one value. */
    public static float exp(float x) {
        float n = Math.fma(x, LOG2E, ROUND) - ROUND;
        if (Math.abs(n) > SATURATION) return n <= 0 ? 0f : Float.POSITIVE_INFINITY;
        // scalef rounds j·2^n once, subnormal results included; so does scalb
        return Math.scalb(polynomial(x, n), (int) n);
    }

    /** Replaces {@code x[off..off+n)} by their approximate exponentials. */
    public static void apply(float[] x, int off, int n) {
        Objects.checkFromIndexSize(off, n, x.length);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, off + i);
            FloatVector binade = binade(v);
            if (normalPowers(binade)) {
                exp(v, binade).intoArray(x, off + i);
            } else {
                for (int j = i; j < i + L; j++) x[off + j] = exp(x[off + j]);
            }
        }
        for (; i < n; i++) x[off + i] = exp(x[off + i]);
    }

    /** {@code n}: {@code x·log2(e)} rounded to an integer (ties to even) by adding and subtracting 1.5·2^23. */
    static FloatVector binade(FloatVector x) {
        return x.fma(LOG2E, ROUND).sub(ROUND);
    }

    /** Whether every lane's {@code 2^n} is a normal float, so {@link #exp(FloatVector, FloatVector)} applies. */
    static boolean normalPowers(FloatVector binade) {
        return !binade.compare(VectorOperators.LT, -126f).or(binade.compare(VectorOperators.GT, 127f)).anyTrue();
    }

    /** The approximation on every lane of {@code x}, given {@code binade(x)} with every lane in [-126, 127]. */
    static FloatVector exp(FloatVector x, FloatVector binade) {
        FloatVector negN = binade.neg();
        FloatVector b = negN.fma(FloatVector.broadcast(F, LN2_LO), negN.fma(FloatVector.broadcast(F, LN2_HI), x));
        FloatVector u = b.mul(b);
        FloatVector j = b.fma(P5, P4).fma(u, b.fma(P3, P2)).fma(u, b.fma(P1, 1f));
        FloatVector power = ((IntVector) binade.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return j.mul(power);
    }

    private static float polynomial(float x, float n) {
        float b = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, x));
        float u = b * b;
        return Math.fma(Math.fma(Math.fma(P5, b, P4), u, Math.fma(P3, b, P2)), u, Math.fma(P1, b, 1f));
    }
}
