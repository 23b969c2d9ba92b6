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
 * A ggml Q6_K matrix (super-blocks of 256: sixteen groups of 16 with int8 scales under an fp16 d, 6-bit values
 * stored as 128 bytes of low nibbles and 64 bytes of 2-bit high parts, value = d·sc·(q − 32)). Multiplies in f32
 * for the reasons given on {@link Q4KMatrix}. Repacked per super-block as the 192 value bytes followed by
 * {@code d·sc[g]} as f32; per 128 values, low nibbles of bytes 0..31 are values 0..31 and their high nibbles
 * values 64..95, bytes 32..63 likewise hold 32..63 and 96..127, and qh byte {@code l} carries the high bits of
 * values {@code l, l+32, l+64, l+96} in bit pairs 0, 2, 4 and 6, which shifts on int lanes move to bits 4-5.
 */
public final class Q6KMatrix implements WeightMatrix {
    private static final VectorSpecies<Float> F = KQuantBlocks.F;
    private static final VectorSpecies<Integer> I = KQuantBlocks.I;
    private static final VectorSpecies<Byte> B = KQuantBlocks.B;
    private static final ByteOrder LE = KQuantBlocks.LE;
    private static final int QK = KQuantBlocks.QK;
    /** Repacked super-block: 128 low-nibble bytes, 64 high-bit bytes, 16 f32 scales. */
    private static final int BLOCK = 128 + 64 + 64;
    private static final int HIGH = 128;
    private static final int SCALES = 192;
    /** GGUF block_q6_K: 128 low-nibble bytes, 64 high-bit bytes, 16 int8 scales, fp16 d. */
    private static final int GGUF_BLOCK = 210;

    private final int rows;
    private final int cols;
    private final int blocks;
    private final MemorySegment weights;

    public Q6KMatrix(int cols, MemorySegment... parts) {
        FragmentedRows src = FragmentedRows.of(GgmlType.Q6_K, cols, parts);
        this.rows = src.rows();
        this.cols = cols;
        this.blocks = cols / QK;
        this.weights = Arena.ofAuto().allocate((long) rows * blocks * BLOCK, 64);
        for (int r = 0; r < rows; r++) {
            MemorySegment row = src.row(r);
            for (int b = 0; b < blocks; b++) {
                long in = (long) b * GGUF_BLOCK;
                long out = blockOffset(r, b);
                float d = KQuantBlocks.fp16(row, in + 208);
                for (int g = 0; g < 16; g++) {
                    weights.set(FragmentedRows.FLOAT_LE, out + SCALES + 4L * g, d * row.get(ValueLayout.JAVA_BYTE, in + 192 + g));
                }
                MemorySegment.copy(row, in, weights, out, 192);
            }
        }
    }

    /** Encodes {@code n} values (a multiple of 256) as block_q6_K. */
    public static void quantizeRow(float[] src, int srcOffset, int n, MemorySegment dst, long dstOffset) {
        if (n % QK != 0) throw new IllegalArgumentException("Q6_K rows hold whole blocks of 256 values, got " + n);
        float[] scales = new float[16];
        int[] q = new int[QK];
        for (int b = 0; b < n / QK; b++) {
            int in = srcOffset + b * QK;
            long at = dstOffset + (long) b * GGUF_BLOCK;
            float maxScale = 0;
            for (int g = 0; g < 16; g++) {
                float extreme = 0;
                for (int e = 0; e < 16; e++) {
                    float v = src[in + 16 * g + e];
                    if (Math.abs(v) > Math.abs(extreme)) extreme = v;
                }
                // the extreme value lands on level -32, the one level without a positive twin
                scales[g] = extreme / -32;
                maxScale = Math.max(maxScale, Math.abs(scales[g]));
            }
            short dBits = Float.floatToFloat16(maxScale / 127);
            float d = Float.float16ToFloat(dBits);
            for (int g = 0; g < 16; g++) {
                int sc = d > 0 ? Math.clamp((int) Math.rint(scales[g] / d), -128, 127) : 0;
                dst.set(ValueLayout.JAVA_BYTE, at + 192 + g, (byte) sc);
                float step = d * sc;
                for (int e = 0; e < 16; e++) {
                    int level = step != 0 ? Math.clamp((int) Math.rint(src[in + 16 * g + e] / step), -32, 31) : 0;
                    q[16 * g + e] = level + 32;
                }
            }
            dst.set(FragmentedRows.SHORT_LE, at + 208, dBits);
            for (int h = 0; h < 2; h++) {
                int v = 128 * h;
                for (int l = 0; l < 32; l++) {
                    dst.set(ValueLayout.JAVA_BYTE, at + 64 * h + l, (byte) ((q[v + l] & 0xF) | (q[v + 64 + l] & 0xF) << 4));
                    dst.set(ValueLayout.JAVA_BYTE, at + 64 * h + 32 + l, (byte) ((q[v + 32 + l] & 0xF) | (q[v + 96 + l] & 0xF) << 4));
                    int high = q[v + l] >> 4 | (q[v + 32 + l] >> 4) << 2 | (q[v + 64 + l] >> 4) << 4 | (q[v + 96 + l] >> 4) << 6;
                    dst.set(ValueLayout.JAVA_BYTE, at + 128 + 32 * h + l, (byte) high);
                }
            }
        }
    }

    private long blockOffset(int r, int b) {
        return ((long) r * blocks + b) * BLOCK;
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q6_K;
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
        return new FloatActivations(GgmlType.Q6_K, cols, cols, maxRows, 0, maxRows > 1 ? FloatGemm.panelRows(cols) : 0);
    }

    @Override
    public void prepare(float[] x, int xOffset, int n, Activations acts) {
        FloatActivations.check(acts, GgmlType.Q6_K, cols, n).load(x, xOffset, n);
    }

    @Override
    public void multiply(Activations acts, int n, float[] out, int outOffset, int outStride, int rowStart, int rowEnd) {
        FloatActivations a = FloatActivations.check(acts, GgmlType.Q6_K, cols, n);
        FloatActivations.checkOutput(rows, n, out, outOffset, outStride, rowStart, rowEnd);
        if (n == 0) return;
        if (n == 1) {
            for (int r = rowStart; r < rowEnd; r++) out[outOffset + r] = dot(r, a.x);
            return;
        }
        for (int r = rowStart; r < rowEnd; r += a.panelRows) {
            int count = Math.min(a.panelRows, rowEnd - r);
            decode(r, count, a.panel);
            FloatGemm.multiply(a.panel, count, cols, a.x, n, out, outOffset + r, outStride);
        }
    }

    /**
     * Row {@code r} times activation row 0: per 32 values, two groups of 16 each with its own scale. Lane {@code i}
     * of 16-lane {@code acc0} takes value {@code i} of each 32 and of {@code acc1} value {@code 16+i}; lanes 0-7 and
     * 8-15 run as two passes over the row, each adding its half of {@code acc0 + acc1} into {@code total} (from -0,
     * which changes no sum), and the 8-lane reduction of {@code total} is how the JIT reduces a 16-lane vector.
     * Each value's level is {@code (nibble | bits 4-5 of its shifted qh byte) - 32}.
     */
    private float dot(int r, float[] x) {
        FloatVector total = FloatVector.broadcast(F, -0f);
        for (int p = 0; p < 16; p += 8) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = acc0;
            long at = blockOffset(r, 0);
            for (int b = 0; b < blocks; b++, at += BLOCK) {
                for (int h = 0; h < 2; h++) {
                    long qs = at + 64L * h + p;
                    long qh = at + HIGH + 32L * h + p;
                    long sc = at + SCALES + 32L * h;
                    int xc = b * QK + 128 * h + p;
                    IntVector a = (IntVector) ByteVector.fromMemorySegment(B, weights, qs, LE).convertShape(VectorOperators.B2I, I, 0);
                    IntVector c = (IntVector) ByteVector.fromMemorySegment(B, weights, qs + 32, LE).convertShape(VectorOperators.B2I, I, 0);
                    IntVector hb = (IntVector) ByteVector.fromMemorySegment(B, weights, qh, LE).convertShape(VectorOperators.B2I, I, 0);
                    acc0 = ((FloatVector) a.and(0x0F).or(hb.lanewise(VectorOperators.LSHL, 4).and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, x, xc)).fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, sc)), acc0);
                    acc0 = ((FloatVector) c.and(0x0F).or(hb.lanewise(VectorOperators.LSHL, 2).and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, x, xc + 32)).fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, sc + 8)), acc0);
                    acc0 = ((FloatVector) a.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(hb.and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, x, xc + 64)).fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, sc + 16)), acc0);
                    acc0 = ((FloatVector) c.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(hb.lanewise(VectorOperators.LSHR, 2).and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, x, xc + 96)).fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, sc + 24)), acc0);
                    a = (IntVector) ByteVector.fromMemorySegment(B, weights, qs + 16, LE).convertShape(VectorOperators.B2I, I, 0);
                    c = (IntVector) ByteVector.fromMemorySegment(B, weights, qs + 48, LE).convertShape(VectorOperators.B2I, I, 0);
                    hb = (IntVector) ByteVector.fromMemorySegment(B, weights, qh + 16, LE).convertShape(VectorOperators.B2I, I, 0);
                    acc1 = ((FloatVector) a.and(0x0F).or(hb.lanewise(VectorOperators.LSHL, 4).and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, x, xc + 16)).fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, sc + 4)), acc1);
                    acc1 = ((FloatVector) c.and(0x0F).or(hb.lanewise(VectorOperators.LSHL, 2).and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, x, xc + 48)).fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, sc + 12)), acc1);
                    acc1 = ((FloatVector) a.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(hb.and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, x, xc + 80)).fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, sc + 20)), acc1);
                    acc1 = ((FloatVector) c.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(hb.lanewise(VectorOperators.LSHR, 2).and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, x, xc + 112)).fma(FloatVector.broadcast(F, weights.get(FragmentedRows.FLOAT_LE, sc + 28)), acc1);
                }
            }
            total = total.add(acc0.add(acc1));
        }
        return total.reduceLanes(VectorOperators.ADD);
    }

    /** Rows {@code [r0, r0+count)} dequantized to f32 into {@code panel}, {@code cols} floats apart. */
    private void decode(int r0, int count, float[] panel) {
        int dst = 0;
        for (int i = 0; i < count; i++) {
            long at = blockOffset(r0 + i, 0);
            for (int b = 0; b < blocks; b++, at += BLOCK) {
                for (int h = 0; h < 2; h++, dst += 128) {
                    for (int j = 0; j < 32; j += 8) {
                        IntVector a = (IntVector) ByteVector.fromMemorySegment(B, weights, at + 64L * h + j, LE).convertShape(VectorOperators.B2I, I, 0);
                        IntVector c = (IntVector) ByteVector.fromMemorySegment(B, weights, at + 64L * h + 32 + j, LE).convertShape(VectorOperators.B2I, I, 0);
                        IntVector hb = (IntVector) ByteVector.fromMemorySegment(B, weights, at + HIGH + 32L * h + j, LE).convertShape(VectorOperators.B2I, I, 0);
                        long sc = at + SCALES + 32L * h + (j < 16 ? 0 : 4);
                        ((FloatVector) a.and(0x0F).or(hb.lanewise(VectorOperators.LSHL, 4).and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                                .mul(weights.get(FragmentedRows.FLOAT_LE, sc)).intoArray(panel, dst + j);
                        ((FloatVector) c.and(0x0F).or(hb.lanewise(VectorOperators.LSHL, 2).and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                                .mul(weights.get(FragmentedRows.FLOAT_LE, sc + 8)).intoArray(panel, dst + 32 + j);
                        ((FloatVector) a.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(hb.and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                                .mul(weights.get(FragmentedRows.FLOAT_LE, sc + 16)).intoArray(panel, dst + 64 + j);
                        ((FloatVector) c.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(hb.lanewise(VectorOperators.LSHR, 2).and(0x30)).sub(32).convert(VectorOperators.I2F, 0))
                                .mul(weights.get(FragmentedRows.FLOAT_LE, sc + 24)).intoArray(panel, dst + 96 + j);
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
            for (int h = 0; h < 2; h++) {
                int y = dstOffset + b * QK + 128 * h;
                for (int l = 0; l < 32; l++) {
                    int a = weights.get(ValueLayout.JAVA_BYTE, at + 64 * h + l) & 0xFF;
                    int c = weights.get(ValueLayout.JAVA_BYTE, at + 64 * h + 32 + l) & 0xFF;
                    int high = weights.get(ValueLayout.JAVA_BYTE, at + HIGH + 32 * h + l) & 0xFF;
                    int g = l / 16;
                    dst[y + l] = scale(at, h, g) * (((a & 0xF) | (high & 3) << 4) - 32);
                    dst[y + 32 + l] = scale(at, h, g + 2) * (((c & 0xF) | (high >> 2 & 3) << 4) - 32);
                    dst[y + 64 + l] = scale(at, h, g + 4) * (((a >> 4) | (high >> 4 & 3) << 4) - 32);
                    dst[y + 96 + l] = scale(at, h, g + 6) * (((c >> 4) | (high >> 6) << 4) - 32);
                }
            }
        }
    }

    private float scale(long at, int h, int g) {
        return weights.get(FragmentedRows.FLOAT_LE, at + SCALES + 4L * (8 * h + g));
    }
}
