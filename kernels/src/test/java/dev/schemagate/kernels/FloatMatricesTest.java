package dev.schemagate.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class FloatMatricesTest {
    /** Little-endian GGUF bytes for {@code values}, encoded here with the JDK's own conversions. */
    static byte[] encode(GgmlType type, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * (type == GgmlType.F32 ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (type) {
                case F32 -> b.putFloat(v);
                case F16 -> b.putShort(Float.floatToFloat16(v));
                default -> b.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
            }
        }
        return b.array();
    }

    /** What the GGUF bytes mean, read with the JDK's conversions. */
    static float[] decode(GgmlType type, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / (type == GgmlType.F32 ? 4 : 2)];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case F32 -> b.getFloat();
                case F16 -> Float.float16ToFloat(b.getShort());
                default -> Float.intBitsToFloat(b.getShort() << 16);
            };
        }
        return out;
    }

    static float[] randomValues(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 5));
        return v;
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16"})
    void rowsAndProductsMatchTheJdkReading(GgmlType type) {
        // 45 columns leave a padded tail; tiny values give f16 subnormals
        for (int cols : new int[] {45, 64, 576}) {
            int rows = 23;
            byte[] bytes = encode(type, randomValues(rows * cols, cols));
            WeightMatrix m = WeightMatrices.create(type, cols, MemorySegment.ofArray(bytes));
            assertEquals(type, m.type());
            assertEquals(rows, m.rows());
            float[] w = decode(type, bytes);
            float[] rows2 = new float[rows * cols + 1];
            for (int r = 0; r < rows; r++) m.dequantizeRow(r, rows2, 1 + r * cols);
            for (int i = 0; i < rows * cols; i++) assertEquals(w[i], rows2[1 + i], type + " value " + i);
            for (int n : new int[] {1, 2, 4, 5, 7, 8}) {
                FloatProductCheck.check(m, w, n, 0, rows, n);
                FloatProductCheck.check(m, w, n, 1, 22, n);
            }
        }
    }

    @Test
    void f16SubnormalsWidenExactly() {
        float[] values = new float[64];
        for (int i = 0; i < 64; i++) values[i] = Float.float16ToFloat((short) (i % 2 == 0 ? i + 1 : 0x8000 | (0x3ff - i)));
        byte[] bytes = encode(GgmlType.F16, values);
        WeightMatrix m = WeightMatrices.create(GgmlType.F16, 64, MemorySegment.ofArray(bytes));
        // one-hot activations read single weights back through the widening kernel
        Activations acts = m.newActivations(1);
        float[] x = new float[64];
        float[] out = new float[1];
        for (int i = 0; i < 64; i++) {
            x[i] = 1;
            m.prepare(x, 0, 1, acts);
            m.multiply(acts, 1, out, 0, 1, 0, 1);
            assertEquals(values[i], out[0], "value " + i);
            x[i] = 0;
        }
    }

    @Test
    void encodersWriteWhatTheJdkReadsBack() {
        float[] v = randomValues(100, 4);
        v[0] = Float.NaN;
        v[1] = 1.00390625f;
        MemorySegment f16 = MemorySegment.ofArray(new byte[200]);
        MemorySegment bf16 = MemorySegment.ofArray(new byte[200]);
        MemorySegment f32 = MemorySegment.ofArray(new byte[400]);
        F16Matrix.quantizeRow(v, 0, 100, f16, 0);
        BF16Matrix.quantizeRow(v, 0, 100, bf16, 0);
        F32Matrix.quantizeRow(v, 0, 100, f32, 0);
        float[] h = decode(GgmlType.F16, f16.toArray(ValueLayout.JAVA_BYTE));
        float[] b = decode(GgmlType.BF16, bf16.toArray(ValueLayout.JAVA_BYTE));
        assertArrayEquals(v, decode(GgmlType.F32, f32.toArray(ValueLayout.JAVA_BYTE)));
        assertTrue(Float.isNaN(h[0]) && Float.isNaN(b[0]));
        // 1 + 2^-8 is a bf16 tie: round to even gives 1
        assertEquals(1f, b[1]);
        for (int i = 2; i < 100; i++) {
            assertEquals(Float.float16ToFloat(Float.floatToFloat16(v[i])), h[i]);
            assertEquals(v[i], b[i], Math.abs(v[i]) / 256, "bf16 value " + i);
        }
    }

    @Test
    void nonFiniteF16WeightsAreRefused() {
        float[] values = new float[32];
        values[7] = Float.POSITIVE_INFINITY;
        var e = assertThrows(IllegalArgumentException.class,
                () -> WeightMatrices.create(GgmlType.F16, 32, MemorySegment.ofArray(encode(GgmlType.F16, values))));
        assertTrue(e.getMessage().contains("column 7"), e.getMessage());
    }

    @Test
    void activationsServeEveryMatrixOfTheSameTypeAndWidth() {
        WeightMatrix a = WeightMatrices.create(GgmlType.BF16, 40, MemorySegment.ofArray(encode(GgmlType.BF16, randomValues(80, 1))));
        WeightMatrix b = WeightMatrices.create(GgmlType.BF16, 40, MemorySegment.ofArray(encode(GgmlType.BF16, randomValues(120, 2))));
        Activations acts = a.newActivations(2);
        float[] x = randomValues(80, 3);
        b.prepare(x, 0, 2, acts);
        float[] viaShared = new float[6];
        b.multiply(acts, 2, viaShared, 0, 3, 0, 3);
        Activations own = b.newActivations(2);
        b.prepare(x, 0, 2, own);
        float[] viaOwn = new float[6];
        b.multiply(own, 2, viaOwn, 0, 3, 0, 3);
        assertArrayEquals(viaOwn, viaShared);
        // zero activation rows write nothing, even through single-row scratch
        Activations single = b.newActivations(1);
        b.multiply(single, 0, viaOwn, 0, 3, 0, 3);
        assertArrayEquals(viaShared, viaOwn);
        WeightMatrix wider = WeightMatrices.create(GgmlType.BF16, 48, MemorySegment.ofArray(encode(GgmlType.BF16, randomValues(48, 2))));
        assertThrows(IllegalArgumentException.class, () -> wider.prepare(new float[48], 0, 1, acts));
    }
}
