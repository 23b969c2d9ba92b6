package dev.schemagate.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A ggml Q4_K matrix (super-blocks of 256: eight sub-blocks of 32 with 6-bit scales and mins under fp16 d and
 * dmin, 4-bit values). Multiplies in f32, dequantizing weights in registers against f32 activations, instead of
 * ggml's Q8_K integer dot products: one path for every batch size, shared with the float types, and no second
 * rounding of the activations (results sit closer to the exact product than llama.cpp's, not bit-equal to them).
 * The price is speed at one activation row: about 10-14 G MAC/s per Zen 4 core with 512-bit vectors, where integer
 * kernels over lane-per-row groups ({@code Q8RowGroups}, Q4_1) measure about 35; with 256-bit vectors on a shared
 * AVX2 EPYC core about 3-4 (int-to-float conversions bound it), against 13-17 for Q4_1.
 *
 * <p>Repacked per super-block as the 128 nibble bytes, then {@code d·sc[j]} and {@code dmin·m[j]} as f32, so the
 * kernel never unpacks 6-bit fields; the min term becomes a dot of those mins with per-sub-block sums of the
 * activations. Several activation rows share panels of rows dequantized once to f32 ({@link FloatGemm}).
 */
public final class Q4KMatrix implements WeightMatrix {
    private static final VectorSpecies<Float> F = KQuantBlocks.F;
    private static final VectorSpecies<Integer> I = KQuantBlocks.I;
    private static final VectorSpecies<Byte> B = KQuantBlocks.B;
    private static final ByteOrder LE = KQuantBlocks.LE;
    private static final int QK = KQuantBlocks.QK;
    /** Repacked super-block: 128 nibble bytes, 8 f32 scales, 8 f32 mins. */
    private static final int BLOCK = 128 + 32 + 32;
    private static final int SCALES = 128;
    private static final int MINS = 160;
    /** GGUF block_q4_K: fp16 d, fp16 dmin, 12 scale bytes, 128 nibble bytes. */
    private static final int GGUF_BLOCK = 144;

    private final int rows;
    private final int cols;
    private final int blocks;
    private final MemorySegment weights;

    public Q4KMatrix(int cols, MemorySegment... parts) {
        FragmentedRows src = FragmentedRows.of(GgmlType.Q4_K, cols, parts);
        this.rows = src.rows();
        this.cols = cols;
        this.blocks = cols / QK;
        this.weights = Arena.ofAuto().allocate((long) rows * blocks * BLOCK, 64);
        for (int r = 0; r < rows; r++) {
            MemorySegment row = src.row(r);
            for (int b = 0; b < blocks; b++) {
                long in = (long) b * GGUF_BLOCK;
                long out = blockOffset(r, b);
                float d = KQuantBlocks.fp16(row, in);
                float dmin = KQuantBlocks.fp16(row, in + 2);
                for (int j = 0; j < 8; j++) {
                    weights.set(FragmentedRows.FLOAT_LE, out + SCALES + 4L * j, d * KQuantBlocks.scale(row, in + 4, j));
                    weights.set(FragmentedRows.FLOAT_LE, out + MINS + 4L * j, dmin * KQuantBlocks.min(row, in + 4, j));
                }
                MemorySegment.copy(row, in + 16, weights, out, 128);
            }
        }
    }

    /** Encodes {@code n} values (a multiple of 256) as block_q4_K. */
    public static void quantizeRow(float[] src, int srcOffset, int n, MemorySegment dst, long dstOffset) {
        if (n % QK != 0) throw new IllegalArgumentException("Q4_K rows hold whole blocks of 256 values, got " + n);
        int[] q = new int[QK];
        for (int b = 0; b < n / QK; b++) {
            long at = dstOffset + (long) b * GGUF_BLOCK;
            KQuantBlocks.encodeAffine(src, srcOffset + b * QK, 15, dst, at, q);
            KQuantBlocks.packNibbles(q, dst, at + 16);
        }
    }

    private long blockOffset(int r, int b) {
        return ((long) r * blocks + b) * BLOCK;
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_K;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public Activations newActivations(int maxRows) {
        return new FloatActivations(GgmlType.Q4_K, cols, cols, maxRows, 32, maxRows > 1 ? FloatGemm.panelRows(cols) : 0);
    }

    @Override
    public void prepare(float[] x, int xOffset, int n, Activations acts) {
        FloatActivations.check(acts, GgmlType.Q4_K, cols, n).load(x, xOffset, n);
    }

    @Override
    public void multiply(Activations acts, int n, float[] out, int outOffset, int outStride, int rowStart, int rowEnd) {
        FloatActivations a = FloatActivations.check(acts, GgmlType.Q4_K, cols, n);
        FloatActivations.checkOutput(rows, n, out, outOffset, outStride, rowStart, rowEnd);
        if (n == 0) return;
        if (n == 1) {
            for (int r = rowStart; r < rowEnd; r++) out[outOffset + r] = dot(r, a.x, a.sums);
            return;
        }
        for (int r = rowStart; r < rowEnd; r += a.panelRows) {
            int count = Math.min(a.panelRows, rowEnd - r);
            decode(r, count, a.panel);
            FloatGemm.multiply(a.panel, count, cols, a.x, n, out, outOffset + r, outStride);
        }
    }

    /**
     * Row {@code r} times activation row 0: sum over sub-blocks of {@code sc·dot(q, x) − m·sum(x)}. Lane {@code i}
     * of 16-lane accumulators {@code acc0} (low nibbles) and {@code acc1} (high) takes values {@code i} and
     * {@code 16+i} of each 32; lanes 0-7 and 8-15 run as two passes over the row, each adding its half of
     * {@code acc0 + acc1} into {@code total} (from -0, which changes no sum), and the 8-lane reduction of
     * {@code total} is how the JIT reduces a 16-lane vector.
     */
    private float dot(int r, float[] x, float[] sums) {
        FloatVector total = FloatVector.broadcast(F, -0f);
        for (int p = 0; p < 16; p += 8) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = acc0;
            long at = blockOffset(r, 0);
            for (int b = 0; b < blocks; b++, at += BLOCK) {
                for (int c = 0; c < 4; c++) {
                    long qs = at + 32L * c + p;
                    IntVector v = (IntVector) ByteVector.fromMemorySegment(B, weights, qs, LE).convertShape(VectorOperators.B2I, I, 0);
                    IntVector u = (IntVector) ByteVector.fromMemorySegment(B, weights, qs + 16, LE).convertShape(VectorOperators.B2I, I, 0);
                    int xc = b * QK + 64 * c + p;
                    FloatVector t = ((FloatVector) v.and(0x0F).convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x, xc));
                    t = ((FloatVector) u.and(0x0F).convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, xc + 16), t);
                    acc0 = t.fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, at + SCALES + 8L * c)), acc0);
                    t = ((FloatVector) v.lanewise(VectorOperators.LSHR, 4).and(0x0F).convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x, xc + 32));
                    t = ((FloatVector) u.lanewise(VectorOperators.LSHR, 4).and(0x0F).convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, xc + 48), t);
                    acc1 = t.fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, at + SCALES + 8L * c + 4)), acc1);
                }
            }
            total = total.add(acc0.add(acc1));
        }
        FloatVector accMin = FloatVector.zero(F);
        long at = blockOffset(r, 0);
        for (int b = 0; b < blocks; b++, at += BLOCK) {
            accMin = FloatVector.fromMemorySegment(F, weights, at + MINS, LE).fma(FloatVector.fromArray(F, sums, 8 * b), accMin);
        }
        return total.reduceLanes(VectorOperators.ADD) - accMin.reduceLanes(VectorOperators.ADD);
    }

    /** Rows {@code [r0, r0+count)} dequantized to f32 into {@code panel}, {@code cols} floats apart. */
    private void decode(int r0, int count, float[] panel) {
        int dst = 0;
        for (int i = 0; i < count; i++) {
            long at = blockOffset(r0 + i, 0);
            for (int b = 0; b < blocks; b++, at += BLOCK) {
                for (int c = 0; c < 4; c++, dst += 64) {
                    FloatVector s0 = FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, at + SCALES + 8L * c));
                    FloatVector m0 = FloatVector.broadcast(F, -weights.get(FragmentedRows.FLOAT_LE, at + MINS + 8L * c));
                    FloatVector s1 = FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, at + SCALES + 8L * c + 4));
                    FloatVector m1 = FloatVector.broadcast(F, -weights.get(FragmentedRows.FLOAT_LE, at + MINS + 8L * c + 4));
                    for (int j = 0; j < 32; j += 8) {
                        IntVector v = (IntVector) ByteVector.fromMemorySegment(B, weights, at + 32L * c + j, LE).convertShape(VectorOperators.B2I, I, 0);
                        ((FloatVector) v.and(0x0F).convert(VectorOperators.I2F, 0)).fma(s0, m0).intoArray(panel, dst + j);
                        ((FloatVector) v.lanewise(VectorOperators.LSHR, 4).and(0x0F).convert(VectorOperators.I2F, 0)).fma(s1, m1).intoArray(panel, dst + 32 + j);
                    }
                }
            }
        }
    }

    @Override
    public void dequantizeRow(int r, float[] dst, int dstOffset) {
        Objects.checkIndex(r, rows);
        Objects.checkFromIndexSize(dstOffset, cols, dst.length);
        for (int b = 0; b < blocks; b++) {
            long at = blockOffset(r, b);
            for (int c = 0; c < 4; c++) {
                float s0 = weights.get(FragmentedRows.FLOAT_LE, at + SCALES + 8L * c);
                float m0 = weights.get(FragmentedRows.FLOAT_LE, at + MINS + 8L * c);
                float s1 = weights.get(FragmentedRows.FLOAT_LE, at + SCALES + 8L * c + 4);
                float m1 = weights.get(FragmentedRows.FLOAT_LE, at + MINS + 8L * c + 4);
                int y = dstOffset + b * QK + 64 * c;
                for (int l = 0; l < 32; l++) {
                    int q = weights.get(ValueLayout.JAVA_BYTE, at + 32 * c + l) & 0xFF;
                    dst[y + l] = s0 * (q & 0xF) - m0;
                    dst[y + 32 + l] = s1 * (q >> 4) - m1;
                }
            }
        }
    }
}
