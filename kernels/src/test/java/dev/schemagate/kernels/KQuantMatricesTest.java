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

class KQuantMatricesTest {
    /** Random bytes are valid K-quant blocks once the fp16 scales are made finite and small. */
    static byte[] randomBlocks(GgmlType type, int rows, int cols, long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[Math.toIntExact(type.byteSize((long) rows * cols))];
        random.nextBytes(bytes);
        int blockBytes = type.bytesPerBlock();
        for (int at = 0; at < bytes.length; at += blockBytes) {
            int[] halves = type == GgmlType.Q6_K ? new int[] {208} : new int[] {0, 2};
            for (int h : halves) {
                short bits = Float.floatToFloat16((float) (random.nextDouble() * 0.02));
                bytes[at + h] = (byte) bits;
                bytes[at + h + 1] = (byte) (bits >> 8);
            }
        }
        return bytes;
    }

    static float[] rowsOf(WeightMatrix m) {
        float[] all = new float[m.rows() * m.cols()];
        for (int r = 0; r < m.rows(); r++) m.dequantizeRow(r, all, r * m.cols());
        return all;
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K"})
    void dequantizedRowsMatchGgmlFormulasExactly(GgmlType type) {
        int rows = 7;
        int cols = 768;
        byte[] bytes = randomBlocks(type, rows, cols, 11);
        WeightMatrix m = WeightMatrices.create(type, cols, MemorySegment.ofArray(bytes));
        assertEquals(rows, m.rows());
        assertEquals(cols, m.cols());
        assertEquals(type, m.type());
        assertArrayEquals(KQuantReference.decode(type, bytes, rows * cols), rowsOf(m));
    }

    /** Expected values from gguf-py 0.19.0 (llama.cpp's Python package): gguf.quants.dequantize on the same bytes. */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K"})
    void knownBlockDecodesAsGgufPyDoes(GgmlType type) {
        byte[] block = new byte[type.bytesPerBlock()];
        for (int i = 0; i < block.length; i++) block[i] = (byte) (i * 73 + 41);
        int[] at = {0, 1, 31, 32, 63, 64, 100, 127, 128, 200, 255};
        float[] expected;
        double sum;
        switch (type) {
            case Q4_K -> {
                setHalf(block, 0, 0.5f);
                setHalf(block, 2, 0.25f);
                expected = new float[] {46.25f, 0.75f, -12.25f, 106.5f, 84.5f, 138.75f, 297.0f, 217.0f, 88.25f, 27.0f, -5.75f};
                sum = 26676.0;
            }
            case Q5_K -> {
                setHalf(block, 0, 0.5f);
                setHalf(block, 2, 0.25f);
                expected = new float[] {150.25f, 0.75f, -12.25f, 128.5f, 106.5f, 138.75f, 337.0f, 257.0f, 256.25f, 27.0f, -5.75f};
                sum = 55036.0;
            }
            default -> {
                setHalf(block, 208, 0.0625f);
                expected = new float[] {10.0625f, -2.875f, -100.0f, 69.1875f, 120.0f, 1.625f, -133.375f, -3.0f, -21.4375f, -26.5625f, 18.0f};
                sum = -927.75;
            }
        }
        float[] y = new float[256];
        WeightMatrices.create(type, 256, MemorySegment.ofArray(block)).dequantizeRow(0, y, 0);
        for (int i = 0; i < at.length; i++) assertEquals(expected[i], y[at[i]], "value " + at[i]);
        double total = 0;
        for (float v : y) total += v;
        assertEquals(sum, total);
    }

    private static void setHalf(byte[] b, int at, float v) {
        short bits = Float.floatToFloat16(v);
        b[at] = (byte) bits;
        b[at + 1] = (byte) (bits >> 8);
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K"})
    void productsMatchDoublePrecisionDotsForEveryBatchSize(GgmlType type) {
        int rows = 37;
        int cols = 512;
        byte[] bytes = randomBlocks(type, rows, cols, 5);
        WeightMatrix m = WeightMatrices.create(type, cols, MemorySegment.ofArray(bytes));
        float[] w = KQuantReference.decode(type, bytes, rows * cols);
        for (int n : new int[] {1, 2, 3, 4, 5, 8, 9}) {
            FloatProductCheck.check(m, w, n, 0, rows, n);
            FloatProductCheck.check(m, w, n, 3, 30, 100 + n);
        }
    }

    @Test
    void panelsSmallerThanTheRowRangeStillCoverEveryRow() {
        // 16384 columns make a panel of 4 rows, so 13 rows need four panels, the last one partial
        int rows = 13;
        int cols = 16384;
        byte[] bytes = randomBlocks(GgmlType.Q4_K, rows, cols, 8);
        WeightMatrix m = WeightMatrices.create(GgmlType.Q4_K, cols, MemorySegment.ofArray(bytes));
        FloatProductCheck.check(m, KQuantReference.decode(GgmlType.Q4_K, bytes, rows * cols), 6, 0, rows, 3);
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K"})
    void encoderWritesBlocksThatDecodeCloseToTheInput(GgmlType type) {
        int cols = 1024;
        Random random = new Random(3);
        float[] values = new float[2 * cols];
        for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextGaussian() * (1 + i / 256));
        byte[] bytes = WeightMatrices.quantize(type, values, cols);
        float[] decoded = KQuantReference.decode(type, bytes, values.length);
        // relative RMS error per super-block; bounds sit above the step of each format (range/15, /31, max/32)
        double bound = switch (type) {
            case Q4_K -> 0.12;
            case Q5_K -> 0.06;
            default -> 0.04;
        };
        for (int b = 0; b < values.length / 256; b++) {
            double err = 0;
            double norm = 0;
            for (int i = b * 256; i < (b + 1) * 256; i++) {
                err += (decoded[i] - values[i]) * (double) (decoded[i] - values[i]);
                norm += values[i] * (double) values[i];
            }
            double relative = Math.sqrt(err / norm);
            assertTrue(relative < bound, type + " block " + b + " relative RMS error " + relative);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K"})
    void encoderKeepsZeroAndConstantBlocks(GgmlType type) {
        float[] values = new float[512];
        Arrays.fill(values, 256, 512, -0.75f);
        float[] decoded = KQuantReference.decode(type, WeightMatrices.quantize(type, values, 512), 512);
        for (int i = 0; i < 256; i++) assertEquals(0f, decoded[i], 1e-6f, "zero block value " + i);
        for (int i = 256; i < 512; i++) assertEquals(-0.75f, decoded[i], 0.75f * 0.02f, "constant block value " + i);
    }

    @Test
    void stackedPartsEqualOneMatrix() {
        byte[] a = randomBlocks(GgmlType.Q5_K, 3, 256, 1);
        byte[] b = randomBlocks(GgmlType.Q5_K, 2, 256, 2);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        WeightMatrix stacked = WeightMatrices.create(GgmlType.Q5_K, 256, MemorySegment.ofArray(a), MemorySegment.ofArray(b));
        WeightMatrix single = WeightMatrices.create(GgmlType.Q5_K, 256, MemorySegment.ofArray(both));
        assertEquals(5, stacked.rows());
        assertArrayEquals(rowsOf(single), rowsOf(stacked));
    }

    @Test
    void badShapesAndActivationsAreRefusedByName() {
        byte[] bytes = randomBlocks(GgmlType.Q4_K, 2, 256, 1);
        var cols = assertThrows(IllegalArgumentException.class, () -> WeightMatrices.create(GgmlType.Q4_K, 300, MemorySegment.ofArray(bytes)));
        assertTrue(cols.getMessage().contains("300"), cols.getMessage());
        var part = assertThrows(IllegalArgumentException.class,
                () -> WeightMatrices.create(GgmlType.Q4_K, 256, MemorySegment.ofArray(Arrays.copyOf(bytes, 200))));
        assertTrue(part.getMessage().contains("part 0"), part.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Q6KMatrix.quantizeRow(new float[100], 0, 100, MemorySegment.ofArray(new byte[210]), 0));

        WeightMatrix q4 = WeightMatrices.create(GgmlType.Q4_K, 256, MemorySegment.ofArray(bytes));
        WeightMatrix q6 = WeightMatrices.create(GgmlType.Q6_K, 256, MemorySegment.ofArray(randomBlocks(GgmlType.Q6_K, 2, 256, 1)));
        Activations foreign = q6.newActivations(1);
        assertThrows(IllegalArgumentException.class, () -> q4.prepare(new float[256], 0, 1, foreign));
        Activations acts = q4.newActivations(1);
        assertThrows(IllegalArgumentException.class, () -> q4.prepare(new float[512], 0, 2, acts));
        q4.prepare(new float[256], 0, 1, acts);
        assertThrows(IllegalArgumentException.class, () -> q4.multiply(acts, 1, new float[2], 0, 2, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> q4.multiply(acts, 1, new float[1], 0, 2, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> q4.dequantizeRow(2, new float[256], 0));
    }
}
