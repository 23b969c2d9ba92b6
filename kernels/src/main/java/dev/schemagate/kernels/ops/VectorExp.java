package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ggml's vector {@code ggml_v_expf} (after ARM's optimized routines), which its SiLU and softmax use, in both x86
 * builds ({@link GgmlIsa}): {@code x = n·ln2 + b} with {@code n} rounded to an integer and a degree-5 polynomial in
 * {@code b}; within about 2 ulp of {@code e^x}, 0 below about -104 and infinity above about 88.4. The builds round
 * differently: AVX-512 evaluates {@code j = 1 + poly(b)} and {@code scalef}s it by {@code 2^n}; AVX2 evaluates
 * {@code j = poly(b)} without the 1 and returns {@code fma(j, 2^n, 2^n)}, with a two-step scaling when
 * {@code |n| > 126}.
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
    /** AVX2: beyond this many binades {@code 2^n} is not a normal float and the result is scaled in two steps. */
    private static final float AVX2_DIRECT = 126f;
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    private VectorExp() {
    }

    /** The approximation of {@code isa}'s build for one value. */
    public static float exp(float x, GgmlIsa isa) {
        return isa == GgmlIsa.AVX512 ? exp512(x) : exp256(x);
    }

    /** Replaces {@code x[off..off+n)} by their approximate exponentials as {@code isa}'s build computes them. */
    public static void apply(float[] x, int off, int n, GgmlIsa isa) {
        Objects.checkFromIndexSize(off, n, x.length);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, off + i);
            if (isa == GgmlIsa.AVX512) {
                FloatVector binade = binade(v);
                if (normalPowers(binade)) {
                    exp(v, binade).intoArray(x, off + i);
                    continue;
                }
            } else {
                FloatVector shifted = shifted(v);
                if (directScaling(shifted)) {
                    exp256(v, shifted).intoArray(x, off + i);
                    continue;
                }
            }
            for (int j = i; j < i + L; j++) x[off + j] = exp(x[off + j], isa);
        }
        for (; i < n; i++) x[off + i] = exp(x[off + i], isa);
    }

    private static float exp512(float x) {
        float n = Math.fma(x, LOG2E, ROUND) - ROUND;
        if (Math.abs(n) > SATURATION) return n <= 0 ? 0f : Float.POSITIVE_INFINITY;
        // scalef rounds j·2^n once, subnormal results included; so does scalb
        float b = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, x));
        float u = b * b;
        return Math.scalb(Math.fma(Math.fma(Math.fma(P5, b, P4), u, Math.fma(P3, b, P2)), u, Math.fma(P1, b, 1f)), (int) n);
    }

    private static float exp256(float x) {
        float shifted = Math.fma(x, LOG2E, ROUND);
        float n = shifted - ROUND;
        float b = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, x));
        float u = b * b;
        float j = Math.fma(Math.fma(Math.fma(P5, b, P4), u, Math.fma(P3, b, P2)), u, P1 * b);
        // shifted's low mantissa bits hold n in two's complement: moved into the exponent field they make 2^n
        int exponent = Float.floatToRawIntBits(shifted) << 23;
        if (!(Math.abs(n) > AVX2_DIRECT)) {
            float power = Float.intBitsToFloat(exponent + ONE_BITS);
            return Math.fma(j, power, power);
        }
        if (Math.abs(n) > SATURATION) return n <= 0 ? 0f : Float.POSITIVE_INFINITY;
        // 2^n = 2^(n-127)·2^127 or 2^(n+125)·2^-125: the fma rounds at a normal scale, the product rounds again
        int bias = n <= 0 ? 0x82000000 : 0;
        float outer = Float.intBitsToFloat(bias + 0x7f000000);
        float inner = Float.intBitsToFloat(exponent - bias);
        return Math.fma(inner, j, inner) * outer;
    }

    /** AVX-512's {@code n}: {@code x·log2(e)} rounded to an integer (ties to even) by adding and subtracting 1.5·2^23. */
    static FloatVector binade(FloatVector x) {
        return x.fma(LOG2E, ROUND).sub(ROUND);
    }

    /** Whether every lane's {@code 2^n} is a normal float, so {@link #exp(FloatVector, FloatVector)} applies. */
    static boolean normalPowers(FloatVector binade) {
        return !binade.compare(VectorOperators.LT, -126f).or(binade.compare(VectorOperators.GT, 127f)).anyTrue();
    }

    /** AVX-512's approximation on every lane of {@code x}, given {@code binade(x)} with every lane in [-126, 127]. */
    static FloatVector exp(FloatVector x, FloatVector binade) {
        FloatVector negN = binade.neg();
        FloatVector b = negN.fma(FloatVector.broadcast(F, LN2_LO), negN.fma(FloatVector.broadcast(F, LN2_HI), x));
        FloatVector u = b.mul(b);
        FloatVector j = b.fma(P5, P4).fma(u, b.fma(P3, P2)).fma(u, b.fma(P1, 1f));
        FloatVector power = ((IntVector) binade.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return j.mul(power);
    }

    /** AVX2's {@code z = x·log2(e) + 1.5·2^23}: {@code n = z - 1.5·2^23}, and z's low mantissa bits hold n. */
    static FloatVector shifted(FloatVector x) {
        return x.fma(LOG2E, ROUND);
    }

    /** Whether every lane has {@code |n| <= 126}, so {@link #exp256(FloatVector, FloatVector)} applies. */
    static boolean directScaling(FloatVector shifted) {
        return !shifted.sub(ROUND).abs().compare(VectorOperators.GT, AVX2_DIRECT).anyTrue();
    }

    /** AVX2's approximation on every lane of {@code x}, given {@code shifted(x)} with every {@code |n| <= 126}. */
    static FloatVector exp256(FloatVector x, FloatVector shifted) {
        FloatVector negN = shifted.sub(ROUND).neg();
        FloatVector b = negN.fma(FloatVector.broadcast(F, LN2_LO), negN.fma(FloatVector.broadcast(F, LN2_HI), x));
        FloatVector u = b.mul(b);
        FloatVector j = b.fma(P5, P4).fma(u, b.fma(P3, P2)).fma(u, b.mul(P1));
        FloatVector power = shifted.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(ONE_BITS).reinterpretAsFloats();
        return j.fma(power, power);
    }
}
