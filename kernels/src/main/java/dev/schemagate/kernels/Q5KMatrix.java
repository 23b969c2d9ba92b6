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
 * A ggml Q5_K matrix: Q4_K's super-block (see {@link Q4KMatrix}, whose design this follows) plus a fifth bit per
 * value in 32 {@code qh} bytes, where bit {@code 2c} of byte {@code l} belongs to value {@code 64c+l} and bit
 * {@code 2c+1} to value {@code 64c+32+l}. Repacked per super-block as 128 nibble bytes, the 32 qh bytes, then the
 * scales and mins as f32; the kernel widens value and qh bytes to int lanes and moves each fifth bit to bit 4 there.
 */
public final class Q5KMatrix implements WeightMatrix {
    private static final VectorSpecies<Float> F = KQuantBlocks.F;
    private static final VectorSpecies<Integer> I = KQuantBlocks.I;
    private static final VectorSpecies<Byte> B = KQuantBlocks.B;
    private static final ByteOrder LE = KQuantBlocks.LE;
    private static final int QK = KQuantBlocks.QK;
    /** Repacked super-block: 128 nibble bytes, 32 high-bit bytes, 8 f32 scales, 8 f32 mins. */
    private static final int BLOCK = 128 + 32 + 32 + 32;
    private static final int HIGH = 128;
    private static final int SCALES = 160;
    private static final int MINS = 192;
    /** GGUF block_q5_K: fp16 d, fp16 dmin, 12 scale bytes, 32 high-bit bytes, 128 nibble bytes. */
    private static final int GGUF_BLOCK = 176;

    private final int rows;
    private final int cols;
    private final int blocks;
    private final MemorySegment weights;

    public Q5KMatrix(int cols, MemorySegment... parts) {
        FragmentedRows src = FragmentedRows.of(GgmlType.Q5_K, cols, parts);
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
                MemorySegment.copy(row, in + 48, weights, out, 128);
                MemorySegment.copy(row, in + 16, weights, out + HIGH, 32);
            }
        }
    }

    /** Encodes {@code n} values (a multiple of 256) as block_q5_K. */
    public static void quantizeRow(float[] src, int srcOffset, int n, MemorySegment dst, long dstOffset) {
        if (n % QK != 0) throw new IllegalArgumentException("Q5_K rows hold whole blocks of 256 values, got " + n);
        int[] q = new int[QK];
        for (int b = 0; b < n / QK; b++) {
            long at = dstOffset + (long) b * GGUF_BLOCK;
            KQuantBlocks.encodeAffine(src, srcOffset + b * QK, 31, dst, at, q);
            KQuantBlocks.packNibbles(q, dst, at + 48);
            for (int l = 0; l < 32; l++) {
                int bits = 0;
                for (int c = 0; c < 4; c++) bits |= (q[64 * c + l] >> 4) << (2 * c) | (q[64 * c + 32 + l] >> 4) << (2 * c + 1);
                dst.set(ValueLayout.JAVA_BYTE, at + 16 + l, (byte) bits);
            }
        }
    }

    private long blockOffset(int r, int b) {
        return ((long) r * blocks + b) * BLOCK;
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_K;
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
        return new FloatActivations(GgmlType.Q5_K, cols, cols, maxRows, 32, maxRows > 1 ? FloatGemm.panelRows(cols) : 0);
    }

    @Override
    public void prepare(float[] x, int xOffset, int n, Activations acts) {
        FloatActivations.check(acts, GgmlType.Q5_K, cols, n).load(x, xOffset, n);
    }

    @Override
    public void multiply(Activations acts, int n, float[] out, int outOffset, int outStride, int rowStart, int rowEnd) {
        FloatActivations a = FloatActivations.check(acts, GgmlType.Q5_K, cols, n);
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
     * Row {@code r} times activation row 0: sum over sub-blocks of {@code sc·dot(q, x) − m·sum(x)}, with the lanes,
     * passes and final reduction of {@link Q4KMatrix}'s dot.
     */
    private float dot(int r, float[] x, float[] sums) {
        FloatVector total = FloatVector.broadcast(F, -0f);
        for (int p = 0; p < 16; p += 8) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = acc0;
            long at = blockOffset(r, 0);
            for (int b = 0; b < blocks; b++, at += BLOCK) {
                IntVector hv = (IntVector) ByteVector.fromMemorySegment(B, weights, at + HIGH + p, LE).convertShape(VectorOperators.B2I, I, 0);
                IntVector hu = (IntVector) ByteVector.fromMemorySegment(B, weights, at + HIGH + p + 16, LE).convertShape(VectorOperators.B2I, I, 0);
                for (int c = 0; c < 4; c++) {
                    long qs = at + 32L * c + p;
                    IntVector v = (IntVector) ByteVector.fromMemorySegment(B, weights, qs, LE).convertShape(VectorOperators.B2I, I, 0);
                    IntVector u = (IntVector) ByteVector.fromMemorySegment(B, weights, qs + 16, LE).convertShape(VectorOperators.B2I, I, 0);
                    int xc = b * QK + 64 * c + p;
                    FloatVector t = ((FloatVector) v.and(0x0F).or(hv.lanewise(VectorOperators.LSHR, 2 * c).lanewise(VectorOperators.LSHL, 4).and(0x10))
                            .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x, xc));
                    t = ((FloatVector) u.and(0x0F).or(hu.lanewise(VectorOperators.LSHR, 2 * c).lanewise(VectorOperators.LSHL, 4).and(0x10))
                            .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, xc + 16), t);
                    acc0 = t.fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, at + SCALES + 8L * c)), acc0);
                    t = ((FloatVector) v.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(hv.lanewise(VectorOperators.LSHR, 2 * c + 1).lanewise(VectorOperators.LSHL, 4).and(0x10))
                            .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x, xc + 32));
                    t = ((FloatVector) u.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(hu.lanewise(VectorOperators.LSHR, 2 * c + 1).lanewise(VectorOperators.LSHL, 4).and(0x10))
                            .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, xc + 48), t);
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
                        IntVector h = (IntVector) ByteVector.fromMemorySegment(B, weights, at + HIGH + j, LE).convertShape(VectorOperators.B2I, I, 0);
                        ((FloatVector) v.and(0x0F).or(h.lanewise(VectorOperators.LSHR, 2 * c).lanewise(VectorOperators.LSHL, 4).and(0x10))
                                .convert(VectorOperators.I2F, 0)).fma(s0, m0).intoArray(panel, dst + j);
                        ((FloatVector) v.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(h.lanewise(VectorOperators.LSHR, 2 * c + 1).lanewise(VectorOperators.LSHL, 4).and(0x10))
                                .convert(VectorOperators.I2F, 0)).fma(s1, m1).intoArray(panel, dst + 32 + j);
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
                    int h = weights.get(ValueLayout.JAVA_BYTE, at + HIGH + l) >> (2 * c);
                    dst[y + l] = s0 * ((q & 0xF) | (h & 1) << 4) - m0;
                    dst[y + 32 + l] = s1 * ((q >> 4) | (h & 2) << 3) - m1;
                }
            }
        }
    }
}
