package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Rounding of f32 values to the nearest f16 value (ties to even, overflow to infinity), kept in f32 form: what
 * F16C's {@code vcvtps2ph} followed by {@code vcvtph2ps} gives, and what ggml does to every value it stores in an
 * f16 tensor.
 */
public final class Half {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int SIGN = 0x80000000;
    private static final int EXPONENT = 0x7f800000;
    /** Exponent field of 2^-14: below it f16 is subnormal with a fixed step of 2^-24. */
    private static final int SMALLEST_NORMAL_EXPONENT = (127 - 14) << 23;
    /** Exponent field of 2^16: everything from there up overflows f16 anyway. */
    private static final int OVERFLOW_EXPONENT = (127 + 16) << 23;
    /** f16 keeps 11 significant bits, f32 24: adding 2^(e+13) to a value of exponent e rounds it to f16's step. */
    private static final int STEP_SHIFT = 13 << 23;
    /**
     * Scaling by this and back sends magnitudes from 2^16 up to infinity and leaves the rest exact: after rounding to
     * f16's step nothing lies between f16's largest finite value 65504 and 2^16, which is where f16 overflows.
     */
    private static final float OVERFLOW_SCALE = 0x1p112f;

    private Half() {
    }

    /** {@code v} rounded to f16. */
    public static float round(float v) {
        return Float.float16ToFloat(Float.floatToFloat16(v));
    }

    /**
     * Rounds {@code x[off..off+n)} to f16 in place, with f32 vector arithmetic only (the Vector API has no f16
     * conversion); arrays in and out, so no vector crosses a call the JIT might not inline.
     */
    public static void round(float[] x, int off, int n) {
        Objects.checkFromIndexSize(off, n, x.length);
        int i = 0;
        for (; i + F.length() <= n; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, off + i);
            FloatVector magnitude = v.abs();
            IntVector exponent = magnitude.reinterpretAsInts().and(EXPONENT).max(SMALLEST_NORMAL_EXPONENT).min(OVERFLOW_EXPONENT);
            FloatVector magic = exponent.add(STEP_SHIFT).reinterpretAsFloats();
            // |v| + magic rounds |v| to a multiple of f16's step at its exponent (ties to even); the sign goes back last
            FloatVector rounded = magnitude.add(magic).sub(magic).mul(OVERFLOW_SCALE).mul(1f / OVERFLOW_SCALE);
            rounded.reinterpretAsInts().or(v.reinterpretAsInts().and(SIGN)).reinterpretAsFloats().intoArray(x, off + i);
        }
        for (; i < n; i++) x[off + i] = round(x[off + i]);
    }
}
