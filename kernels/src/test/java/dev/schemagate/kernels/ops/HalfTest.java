package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector f16 rounding against the JDK's scalar conversion (F16C's vcvtps2ph where the JIT intrinsifies it). */
class HalfTest {
    private static float reference(float v) {
        return Float.float16ToFloat(Float.floatToFloat16(v));
    }

    private static void check(float[] values) {
        int n = values.length;
        float[] rounded = values.clone();
        Half.round(rounded, 0, n);
        for (int i = 0; i < n; i++) {
            float expected = reference(values[i]);
            int index = i;
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(rounded[i]),
                    () -> Float.toHexString(values[index]) + " -> " + Float.toHexString(rounded[index]) + ", expected " + Float.toHexString(expected));
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(Half.round(values[i])));
        }
    }

    @Test
    void edgeValuesRoundLikeTheScalarConversion() {
        float[] edges = {0f, -0f, 1f, -1f, 65504f, -65504f, 65519.996f, 65520f, -65520f, 65536f, 1e30f, Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0x1p-14f, 0x1p-15f, 0x1p-24f, 0x1p-25f, 0x1.000002p-25f,
                0x1.8p-24f, 0x1.4p-24f, -0x1p-26f, Float.MIN_VALUE, 0x1.002p0f, 0x1.006p0f, 0x1.001p0f, 0x1.003p0f,
                0x1.ffep-1f, 0x1.fffp15f, 2049f, 2051f, -2051f, 1e-7f};
        float[] padded = new float[((edges.length + 15) / 16) * 16 * 4];
        System.arraycopy(edges, 0, padded, 0, edges.length);
        check(padded);
    }

    @Test
    void randomValuesOfEveryMagnitudeRoundLikeTheScalarConversion() {
        Random random = new Random(9);
        float[] values = new float[1 << 20];
        for (int i = 0; i < values.length; i++) {
            // exponents from 2^-30 to 2^20 with random mantissas, and exact halfway cases between f16 neighbours
            float v = Math.scalb(1f + random.nextFloat(), random.nextInt(51) - 30);
            if (i % 4 == 0) v = Float.intBitsToFloat((Float.floatToRawIntBits(v) & ~0x1fff) | 0x1000);
            values[i] = random.nextBoolean() ? v : -v;
        }
        check(values);
    }
}
