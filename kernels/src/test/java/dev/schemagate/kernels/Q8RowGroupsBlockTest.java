package dev.schemagate.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Block bytes built and decoded by hand, quantizer round trips, and argument checks. */
class Q8RowGroupsBlockTest {
    private static final short ONE = 0x3C00;
    private static final short HALF = 0x3800;
    private static final short MINUS_TWO = (short) 0xC000;

    private static byte[] block(int size, short... halves) {
        byte[] b = new byte[size];
        for (int i = 0; i < halves.length; i++) {
            b[2 * i] = (byte) halves[i];
            b[2 * i + 1] = (byte) (halves[i] >> 8);
        }
        return b;
    }

    private static float[] dequantize(GgmlType type, byte[] block) {
        WeightMatrix m = WeightMatrices.create(type, 32, MemorySegment.ofArray(block));
        float[] out = new float[32];
        m.dequantizeRow(0, out, 0);
        return out;
    }

    @Test
    void q40HandBuiltBlock() {
        byte[] b = block(18, HALF);
        b[2] = 0x0F; // element 0 = 15-8 = 7, element 16 = 0-8 = -8
        b[3] = (byte) 0x98; // element 1 = 8-8 = 0, element 17 = 9-8 = 1
        float[] v = dequantize(GgmlType.Q4_0, b);
        assertEquals(3.5f, v[0]);
        assertEquals(-4f, v[16]);
        assertEquals(0f, v[1]);
        assertEquals(0.5f, v[17]);
        assertEquals(-4f, v[5]); // nibble 0 -> -8 * 0.5
    }

    @Test
    void q41HandBuiltBlock() {
        byte[] b = block(20, ONE, MINUS_TWO);
        b[4] = 0x21; // element 0 = 1*1 - 2 = -1, element 16 = 2 - 2 = 0
        b[19] = (byte) 0xF0; // element 15 = 0 - 2 = -2, element 31 = 15 - 2 = 13
        float[] v = dequantize(GgmlType.Q4_1, b);
        assertEquals(-1f, v[0]);
        assertEquals(0f, v[16]);
        assertEquals(-2f, v[15]);
        assertEquals(13f, v[31]);
    }

    @Test
    void q50HandBuiltBlock() {
        byte[] b = block(22, HALF);
        b[2] = 0x01; // fifth bit of element 0
        b[5] = (byte) 0x80; // fifth bit of element 31
        b[6] = 0x3F; // element 0 low nibble 15 -> 31-16 = 15; element 16 low nibble 3, no fifth bit -> 3-16 = -13
        b[21] = 0x10; // element 15 nibble 0 -> -16; element 31 nibble 1 + 16 -> 17-16 = 1
        float[] v = dequantize(GgmlType.Q5_0, b);
        assertEquals(7.5f, v[0]);
        assertEquals(-6.5f, v[16]);
        assertEquals(-8f, v[15]);
        assertEquals(0.5f, v[31]);
    }

    @Test
    void q80HandBuiltBlock() {
        byte[] b = block(34, HALF);
        b[2] = 127;
        b[3] = -128;
        b[33] = -3;
        float[] v = dequantize(GgmlType.Q8_0, b);
        assertEquals(63.5f, v[0]);
        assertEquals(-64f, v[1]);
        assertEquals(-1.5f, v[31]);
        assertEquals(0f, v[2]);
    }

    @Test
    void q80QuantizesLikeGgmlReference() {
        float[] x = new float[32];
        x[0] = 127f;
        x[1] = -127f;
        x[2] = 63.5f; // roundf: halves away from zero
        x[3] = 0.5f;
        x[4] = -0.5f;
        x[5] = 2.5f;
        x[6] = -2.4f;
        byte[] q = WeightMatrices.quantize(GgmlType.Q8_0, x, 32);
        assertArrayEquals(new byte[] {0x00, 0x3C, 127, -127, 64, 1, -1, 3, -2, 0}, Arrays.copyOf(q, 10));
    }

    @Test
    void q40QuantizesLikeGgmlReference() {
        float[] x = new float[32];
        x[0] = -8f; // the signed extreme: d = max/-8 = 1
        x[1] = 7f;
        x[2] = 0.49f;
        x[3] = 0.5f;
        x[16] = 8f; // 8*1 + 8.5 = 16.5 -> clamped to 15
        x[17] = -7.6f;
        byte[] q = WeightMatrices.quantize(GgmlType.Q4_0, x, 32);
        assertEquals(0x00, q[0]);
        assertEquals(0x3C, q[1]);
        assertEquals(0xF0, q[2] & 0xFF); // element 0 -> 0, element 16 -> 15
        assertEquals(0x0F, q[3] & 0xFF); // element 1 -> 15, element 17 -> 0 (0.9 truncates)
        assertEquals(0x88, q[4] & 0xFF); // element 2 -> 8, element 18 -> 8
        assertEquals(0x89, q[5] & 0xFF); // element 3 -> 9
    }

    @Test
    void q41QuantizesLikeGgmlReference() {
        float[] x = new float[32];
        Arrays.fill(x, 2.2f);
        x[0] = -1f;
        x[31] = 14f; // d = 15/15 = 1, m = -1
        x[1] = 0.49f; // 1.49 + 0.5 -> 1
        byte[] q = WeightMatrices.quantize(GgmlType.Q4_1, x, 32);
        assertArrayEquals(new byte[] {0x00, 0x3C, 0x00, (byte) 0xBC}, Arrays.copyOf(q, 4));
        assertEquals(0x30, q[4] & 0xFF); // element 0 -> 0, element 16 -> 3 (3.2 + 0.5)
        assertEquals(0x31, q[5] & 0xFF);
        assertEquals(0xF3, q[19] & 0xFF); // element 15 -> 3, element 31 -> 15
    }

    @Test
    void q50QuantizesLikeGgmlReference() {
        float[] x = new float[32];
        x[0] = -16f; // d = 1
        x[1] = 15f;
        x[16] = 16f; // 32.5 -> clamped to 31
        x[17] = 0.5f; // 17 -> fifth bit set, nibble 1
        byte[] q = WeightMatrices.quantize(GgmlType.Q5_0, x, 32);
        assertArrayEquals(new byte[] {0x00, 0x3C}, Arrays.copyOf(q, 2));
        int qh = (q[2] & 0xFF) | (q[3] & 0xFF) << 8 | (q[4] & 0xFF) << 16 | (q[5] & 0xFF) << 24;
        int expectedHigh = 1 << 1 | 1 << 16 | 1 << 17;
        for (int j = 2; j < 16; j++) expectedHigh |= 1 << j | 1 << (j + 16); // zeros quantize to 16
        assertEquals(expectedHigh, qh);
        assertEquals(0xF0, q[6] & 0xFF); // element 0 -> 0, element 16 -> 31
        assertEquals(0x1F, q[7] & 0xFF); // element 1 -> 31, element 17 -> 17
    }

    /** quantizeRow then dequantizeRow stays within the type's step (one step where the top value is clamped). */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q4_1", "Q5_0", "Q8_0"})
    void roundTripsWithinOneStep(GgmlType type) {
        Random random = new Random(3);
        int rows = 37;
        int cols = 256;
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextGaussian() * Math.exp(random.nextGaussian()));
        Arrays.fill(x, 5 * cols, 5 * cols + 32, 0f);
        WeightMatrix m = WeightMatrices.create(type, cols, MemorySegment.ofArray(WeightMatrices.quantize(type, x, cols)));
        float[] y = new float[cols];
        for (int r = 0; r < rows; r++) {
            m.dequantizeRow(r, y, 0);
            for (int b = 0; b < cols / 32; b++) {
                int at = r * cols + b * 32;
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                float amax = 0;
                for (int j = 0; j < 32; j++) {
                    min = Math.min(min, x[at + j]);
                    max = Math.max(max, x[at + j]);
                    amax = Math.max(amax, Math.abs(x[at + j]));
                }
                double bound = switch (type) {
                    case Q4_0 -> 1.01 * amax / 8;
                    case Q5_0 -> 1.01 * amax / 16;
                    case Q4_1 -> 0.51 * (max - min) / 15 + 1e-3 * Math.abs(min);
                    default -> 0.57 * amax / 127;
                };
                for (int j = 0; j < 32; j++) {
                    assertEquals(x[at + j], y[b * 32 + j], bound + 1e-7, type + " row " + r + " element " + (b * 32 + j));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q4_1", "Q5_0", "Q8_0"})
    void rejectsBadInput(GgmlType type) {
        byte[] twoRows = new byte[Math.toIntExact(type.byteSize(64))];
        assertThrows(IllegalArgumentException.class, () -> WeightMatrices.create(type, 48, MemorySegment.ofArray(twoRows)));
        assertThrows(IllegalArgumentException.class, () -> WeightMatrices.create(type, 96, MemorySegment.ofArray(twoRows)));
        assertThrows(IllegalArgumentException.class, () -> WeightMatrices.create(type, 32));
        WeightMatrix m = WeightMatrices.create(type, 32, MemorySegment.ofArray(twoRows));
        assertEquals(2, m.rows());
        Activations acts = m.newActivations(2);
        float[] x = new float[64];
        assertThrows(IllegalArgumentException.class, () -> m.prepare(x, 0, 3, acts));
        assertThrows(IndexOutOfBoundsException.class, () -> m.prepare(x, 1, 2, acts));
        m.prepare(x, 0, 1, acts);
        float[] out = new float[4];
        assertThrows(IllegalArgumentException.class, () -> m.multiply(acts, 2, out, 0, 2, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.multiply(acts, 1, out, 0, 2, 1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> m.multiply(acts, 1, out, 3, 2, 0, 2));
        WeightMatrix wide = WeightMatrices.create(type, 64, MemorySegment.ofArray(twoRows));
        assertThrows(IllegalArgumentException.class, () -> wide.multiply(acts, 1, out, 0, 2, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.dequantizeRow(2, new float[32], 0));
        MemorySegment dst = MemorySegment.ofArray(new byte[64]);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> {
            switch (type) {
                case Q4_0 -> Q40Matrix.quantizeRow(new float[48], 0, 48, dst, 0);
                case Q4_1 -> Q41Matrix.quantizeRow(new float[48], 0, 48, dst, 0);
                case Q5_0 -> Q50Matrix.quantizeRow(new float[48], 0, 48, dst, 0);
                default -> Q80Matrix.quantizeRow(new float[48], 0, 48, dst, 0);
            }
        });
        assertTrue(bad.getMessage().contains("multiple of 32"), bad.getMessage());
    }

    @Test
    void activationsOfAnotherQuantizationAreRejected() {
        byte[] q41 = new byte[Math.toIntExact(GgmlType.Q4_1.byteSize(32))];
        byte[] q80 = new byte[Math.toIntExact(GgmlType.Q8_0.byteSize(32))];
        WeightMatrix a = WeightMatrices.create(GgmlType.Q4_1, 32, MemorySegment.ofArray(q41));
        WeightMatrix b = WeightMatrices.create(GgmlType.Q8_0, 32, MemorySegment.ofArray(q80));
        Activations acts = a.newActivations(1);
        assertThrows(IllegalArgumentException.class, () -> b.prepare(new float[32], 0, 1, acts));
    }
}
