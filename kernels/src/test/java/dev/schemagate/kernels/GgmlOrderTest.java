package dev.schemagate.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Q4_1 and Q8_0 multiplies equal, bit for bit, a scalar emulation of ggml's x86 float operation order
 * ({@link Q8Reference#ggmlDot}) for every activation row at every batch size, including batches past the size where
 * other types switch to f32 panels.
 */
class GgmlOrderTest {
    private static final int[] BATCHES = {1, 2, 3, 8, Q8Activations.FLOAT_PATH_MIN_ROWS - 1, Q8Activations.FLOAT_PATH_MIN_ROWS, 37};

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_1", "Q8_0"})
    void everyBatchSizeMatchesGgmlBitForBit(GgmlType type) {
        for (int[] shape : new int[][] {{75, 576}, {40, 1536}, {33, 64}}) {
            int rows = shape[0];
            int cols = shape[1];
            Random random = new Random(rows * 131L + cols + type.ordinal());
            byte[] gguf = Q8RowGroupsMultiplyTest.randomBlocks(type, rows, cols, random);
            WeightMatrix m = Q8RowGroupsMultiplyTest.matrix(type, gguf, rows, cols);
            Activations acts = m.newActivations(37);
            for (int n : BATCHES) {
                float[] x = Q8RowGroupsMultiplyTest.activations(n, cols, 0, random);
                m.prepare(x, 0, n, acts);
                float[] out = new float[n * rows];
                int[] cuts = Q8RowGroupsMultiplyTest.cuts(rows);
                for (int c = 0; c + 1 < cuts.length; c++) m.multiply(acts, n, out, 0, rows, cuts[c], cuts[c + 1]);
                for (int i = 0; i < n; i++) {
                    for (int r = 0; r < rows; r++) {
                        float expected = Q8Reference.ggmlDot(type, Q8RowGroupsMultiplyTest.row(type, gguf, r, cols), x, i * cols, cols);
                        float actual = out[i * rows + r];
                        String where = type + " " + rows + "x" + cols + " n=" + n + " row " + r + ": ggml " + expected + ", kernel " + actual;
                        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), where);
                    }
                }
            }
        }
    }
}
