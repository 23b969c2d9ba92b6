package dev.schemagate.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Q4_0, Q4_1, Q5_0 and Q8_0 multiplies against the scalar model in {@link Q8Reference} and against float math. */
class Q8RowGroupsMultiplyTest {
    private static final int[] BATCHES = {1, 3, 8, Q8Activations.FLOAT_PATH_MIN_ROWS - 1, Q8Activations.FLOAT_PATH_MIN_ROWS, 37};
    private static final int CAPACITY = 37;

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (GgmlType type : List.of(GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q8_0)) {
            shapes.add(Arguments.of(type, 75, 576));
            shapes.add(Arguments.of(type, 33, 1536));
            shapes.add(Arguments.of(type, 64, 2080));
            shapes.add(Arguments.of(type, 5, 64));
        }
        return shapes.stream();
    }

    /** Random block bytes (every nibble, fifth bit and int8 pattern, incl. -128) with finite fp16 scales. */
    static byte[] randomBlocks(GgmlType type, int rows, int cols, Random random) {
        byte[] bytes = new byte[Math.toIntExact(type.byteSize((long) rows * cols))];
        random.nextBytes(bytes);
        int blockBytes = type.bytesPerBlock();
        for (int at = 0; at < bytes.length; at += blockBytes) {
            putHalf(bytes, at, random.nextFloat() * 0.1f - 0.05f);
            if (type == GgmlType.Q4_1) putHalf(bytes, at + 2, random.nextFloat() * 0.2f - 0.1f);
        }
        return bytes;
    }

    static void putHalf(byte[] bytes, int at, float value) {
        short half = Float.floatToFloat16(value);
        bytes[at] = (byte) half;
        bytes[at + 1] = (byte) (half >> 8);
    }

    /** Activations with the awkward blocks too: all zero, one outlier, exact halves of the quantization step. */
    static float[] activations(int n, int cols, int offset, Random random) {
        float[] x = new float[offset + n * cols];
        for (int i = offset; i < x.length; i++) x[i] = (float) random.nextGaussian();
        for (int i = 0; i < n; i++) {
            int row = offset + i * cols;
            Arrays.fill(x, row, row + 32, 0f);
            if (cols >= 96) {
                x[row + 40] = 300f;
                for (int j = 64; j < 96; j++) x[row + j] = (j - 80) * 0.5f;
                x[row + 64] = 127f;
            }
        }
        return x;
    }

    /** The GGUF bytes split into two parts at a row boundary, as a loader stacking tensors would pass them. */
    static WeightMatrix matrix(GgmlType type, byte[] gguf, int rows, int cols) {
        int split = Math.toIntExact(type.byteSize((long) (rows / 3) * cols));
        MemorySegment first = MemorySegment.ofArray(Arrays.copyOfRange(gguf, 0, split));
        MemorySegment second = MemorySegment.ofArray(Arrays.copyOfRange(gguf, split, gguf.length));
        return WeightMatrices.create(type, cols, first, second);
    }

    static byte[] row(GgmlType type, byte[] gguf, int r, int cols) {
        int rowBytes = Math.toIntExact(type.byteSize(cols));
        return Arrays.copyOfRange(gguf, r * rowBytes, (r + 1) * rowBytes);
    }

    /** Row ranges that start and end inside 32-row groups, covering all rows. */
    static int[] cuts(int rows) {
        return Arrays.stream(new int[] {0, 7, 40, 45, 70, rows}).map(c -> Math.min(c, rows)).distinct().sorted().toArray();
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("shapes")
    void equalsScalarQuantizedArithmetic(GgmlType type, int rows, int cols) {
        Random random = new Random(rows * 31L + cols + type.ordinal());
        byte[] gguf = randomBlocks(type, rows, cols, random);
        WeightMatrix m = matrix(type, gguf, rows, cols);
        assertEquals(type, m.type());
        assertEquals(rows, m.rows());
        assertEquals(cols, m.cols());
        Activations acts = m.newActivations(CAPACITY);
        for (int n : BATCHES) {
            int xOffset = 5;
            float[] x = activations(n, cols, xOffset, random);
            m.prepare(x, xOffset, n, acts);
            int outOffset = 3;
            int stride = rows + 9;
            float[] out = new float[outOffset + n * stride];
            Arrays.fill(out, Float.NaN);
            int[] cuts = cuts(rows);
            for (int c = 0; c + 1 < cuts.length; c++) m.multiply(acts, n, out, outOffset, stride, cuts[c], cuts[c + 1]);
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < rows; r++) {
                    Q8Reference.Dot expected = Q8Reference.dot(type, row(type, gguf, r, cols), x, xOffset + i * cols, cols);
                    float actual = out[outOffset + i * stride + r];
                    assertEquals(expected.value(), actual, 1e-5 * expected.magnitude() + 1e-30, type + " n=" + n + " row " + r);
                }
                for (int r = rows; r < stride && outOffset + i * stride + r < out.length; r++) {
                    assertTrue(Float.isNaN(out[outOffset + i * stride + r]), "wrote past the row range");
                }
            }
            for (int k = 0; k < outOffset; k++) assertTrue(Float.isNaN(out[k]), "wrote before the output offset");
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("shapes")
    void partialRangeWritesOnlyItsRows(GgmlType type, int rows, int cols) {
        Random random = new Random(7);
        byte[] gguf = randomBlocks(type, rows, cols, random);
        WeightMatrix m = matrix(type, gguf, rows, cols);
        Activations acts = m.newActivations(CAPACITY);
        for (int n : new int[] {1, 2, 37}) {
            float[] x = activations(n, cols, 0, random);
            m.prepare(x, 0, n, acts);
            int start = Math.min(3, rows - 1);
            int end = Math.min(rows, start + 35);
            float[] out = new float[n * rows];
            Arrays.fill(out, Float.NaN);
            m.multiply(acts, n, out, 0, rows, start, end);
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < rows; r++) {
                    boolean inside = r >= start && r < end;
                    assertEquals(inside, !Float.isNaN(out[i * rows + r]), "n=" + n + " row " + r);
                }
            }
        }
    }

    /**
     * Against float math on ggml-quantized weights: dequantized weights times the raw activations. The difference
     * is activation quantization: per element at most 0.6 of the block's step amax/127 (half a step plus fp16
     * rounding of d), and for Q4_1 the fp16 rounding of s in the min term.
     */
    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("shapes")
    void approximatesFloatMath(GgmlType type, int rows, int cols) {
        Random random = new Random(11);
        float[] weights = new float[rows * cols];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) random.nextGaussian() * 0.05f + 0.01f;
        byte[] gguf = WeightMatrices.quantize(type, weights, cols);
        WeightMatrix m = matrix(type, gguf, rows, cols);
        Activations acts = m.newActivations(CAPACITY);
        float[] w = new float[cols];
        for (int n : new int[] {1, 3, 37}) {
            float[] x = activations(n, cols, 0, random);
            m.prepare(x, 0, n, acts);
            float[] out = new float[n * rows];
            m.multiply(acts, n, out, 0, rows, 0, rows);
            for (int r = 0; r < rows; r++) {
                m.dequantizeRow(r, w, 0);
                for (int i = 0; i < n; i++) {
                    double exact = 0;
                    double bound = 0;
                    for (int b = 0; b < cols / 32; b++) {
                        int at = i * cols + b * 32;
                        Q8Reference.WeightBlock block = Q8Reference.decode(type, row(type, gguf, r, cols), b);
                        double amax = 0;
                        double sumX = 0;
                        double absW = 0;
                        for (int j = 0; j < 32; j++) {
                            exact += (double) w[b * 32 + j] * x[at + j];
                            amax = Math.max(amax, Math.abs(x[at + j]));
                            sumX += x[at + j];
                            absW += Math.abs((double) block.q()[j] * block.d());
                        }
                        double step = amax / 127;
                        bound += 0.6 * step * (absW + 32 * Math.abs(block.m())) + 2e-3 * Math.abs(block.m()) * (Math.abs(sumX) + 32 * step);
                        for (int j = 0; j < 32; j++) bound += 1e-5 * Math.abs((double) w[b * 32 + j] * x[at + j]);
                    }
                    assertEquals(exact, out[i * rows + r], bound + 1e-6, type + " n=" + n + " row " + r);
                }
            }
        }
    }
}
