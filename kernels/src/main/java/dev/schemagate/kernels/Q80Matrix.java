package dev.schemagate.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q8_0 weights (ggml {@code block_q8_0}: fp16 d, 32 int8; w = d*q) multiplied like ggml's
 * {@code vec_dot_q8_0_q8_0}: per block {@code d_w*d_x*sum(q_w*q_x)} against Q8_0 activations, in ggml's x86 float
 * order at every batch size (see {@link Q8RowGroups#sumQuads}).
 * Quants are repacked as {@link Q8Bytes}; d becomes an f32 array in group layout {@code [group][block][lane]}.
 */
public final class Q80Matrix extends Q8RowGroups {
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int BLOCK_BYTES = 34;

    private final MemorySegment quants;
    private final float[] scales;

    /** Repacks whole GGUF Q8_0 rows of {@code cols} values from {@code parts}, in order. */
    public Q80Matrix(int cols, MemorySegment... parts) {
        super(GgmlType.Q8_0, cols, parts);
        quants = Q8Bytes.allocate(groups, blocks);
        scales = new float[groups * blocks * GROUP];
        forEachRow(GgmlType.Q8_0, cols, parts, (row, part, offset) -> {
            for (int b = 0; b < blocks; b++) {
                long at = offset + (long) b * BLOCK_BYTES;
                scales[(row / GROUP * blocks + b) * GROUP + row % GROUP] = Float.float16ToFloat(part.get(Q4Nibbles.SHORT, at));
                for (int e = 0; e < 32; e++) Q8Bytes.set(quants, blocks, row, b, e, part.get(ValueLayout.JAVA_BYTE, at + 2 + e));
            }
        });
    }

    /** Writes {@code n} values from {@code src[srcOffset]} as ggml Q8_0 blocks at {@code dst[dstOffset]} (ggml's reference quantizer). */
    public static void quantizeRow(float[] src, int srcOffset, int n, MemorySegment dst, long dstOffset) {
        Objects.checkFromIndexSize(srcOffset, n, src.length);
        if (n % 32 != 0) throw new IllegalArgumentException("Q8_0 rows must be a multiple of 32 values, got " + n);
        for (int b = 0; b < n / 32; b++) {
            int x = srcOffset + b * 32;
            float amax = 0f;
            for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(src[x + j]));
            float d = amax / 127f;
            float id = d != 0f ? 1f / d : 0f;
            long at = dstOffset + (long) b * BLOCK_BYTES;
            dst.set(Q4Nibbles.SHORT, at, Float.floatToFloat16(d));
            for (int j = 0; j < 32; j++) {
                float v = src[x + j] * id;
                // C roundf: halves away from zero (the +0.5 is exact in double)
                int q = (int) Math.floor(Math.abs((double) v) + 0.5);
                dst.set(ValueLayout.JAVA_BYTE, at + 2 + j, (byte) (v < 0 ? -q : q));
            }
        }
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q8_0;
    }

    @Override
    public void dequantizeRow(int r, float[] dst, int dstOffset) {
        Objects.checkIndex(r, rows);
        Objects.checkFromIndexSize(dstOffset, cols, dst.length);
        for (int b = 0; b < blocks; b++) {
            float d = scales[(r / GROUP * blocks + b) * GROUP + r % GROUP];
            for (int e = 0; e < 32; e++) dst[dstOffset + b * 32 + e] = Q8Bytes.get(quants, blocks, r, b, e) * d;
        }
    }

    @Override
    boolean ggmlOrder() {
        return true;
    }

    // ggml's AVX2 loop keeps 8 float lanes per row, lane k = fma(d_w*d_x, sum of quad k's 4 products, lane k). Lanes
    // are independent, so each quad runs its own pass over the blocks (four accumulators: rows 0-7, 8-15, 16-23,
    // 24-31), with d_w*d_x computed once per group. int8 x int8 products reach 128*127, so only pairs fit an int16
    // lane: pair sums are split into their rows' int32 lanes (see Q8Bytes) and added there. Vector code stays inline:
    // C2 stops inlining small helpers in big methods.
    @Override
    void dot1(Q8Activations a, int i, int g0, int g1, float[] out, int base) {
        MemorySegment w = quants;
        int[] xs = a.quants;
        float[] lanes = a.lanes;
        float[] dc = a.products;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            long wg = (long) g * blocks * Q8Bytes.GROUP_BLOCK_BYTES;
            Q8RowGroups.scaleProducts(scales, g, blocks, a.scales, sRow, dc);
            for (int q = 0; q < 8; q++) {
                FloatVector a0 = FloatVector.zero(F);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                long wp = wg + q * 128L;
                int xp = xRow + 4 * q;
                for (int b = 0, dp = 0; b < blocks; b++, wp += Q8Bytes.GROUP_BLOCK_BYTES, xp += 32, dp += GROUP) {
                    ShortVector x0 = IntVector.broadcast(I, xs[xp]).reinterpretAsShorts();
                    ShortVector x1 = IntVector.broadcast(I, xs[xp + 1]).reinterpretAsShorts();
                    ShortVector x2 = IntVector.broadcast(I, xs[xp + 2]).reinterpretAsShorts();
                    ShortVector x3 = IntVector.broadcast(I, xs[xp + 3]).reinterpretAsShorts();
                    IntVector p = ((ShortVector) ByteVector.fromMemorySegment(B, w, wp, LE).convertShape(VectorOperators.B2S, S, 0)).mul(x0)
                            .add(((ShortVector) ByteVector.fromMemorySegment(B, w, wp + 32, LE).convertShape(VectorOperators.B2S, S, 0)).mul(x1))
                            .reinterpretAsInts();
                    IntVector r = ((ShortVector) ByteVector.fromMemorySegment(B, w, wp + 64, LE).convertShape(VectorOperators.B2S, S, 0)).mul(x2)
                            .add(((ShortVector) ByteVector.fromMemorySegment(B, w, wp + 96, LE).convertShape(VectorOperators.B2S, S, 0)).mul(x3))
                            .reinterpretAsInts();
                    a0 = ((FloatVector) p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                            .add(r.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).convert(VectorOperators.I2F, 0))
                            .fma(FloatVector.fromArray(F, dc, dp), a0);
                    a1 = ((FloatVector) p.lanewise(VectorOperators.ASHR, 16).add(r.lanewise(VectorOperators.ASHR, 16)).convert(VectorOperators.I2F, 0))
                            .fma(FloatVector.fromArray(F, dc, dp + 8), a1);
                    p = ((ShortVector) ByteVector.fromMemorySegment(B, w, wp + 16, LE).convertShape(VectorOperators.B2S, S, 0)).mul(x0)
                            .add(((ShortVector) ByteVector.fromMemorySegment(B, w, wp + 48, LE).convertShape(VectorOperators.B2S, S, 0)).mul(x1))
                            .reinterpretAsInts();
                    r = ((ShortVector) ByteVector.fromMemorySegment(B, w, wp + 80, LE).convertShape(VectorOperators.B2S, S, 0)).mul(x2)
                            .add(((ShortVector) ByteVector.fromMemorySegment(B, w, wp + 112, LE).convertShape(VectorOperators.B2S, S, 0)).mul(x3))
                            .reinterpretAsInts();
                    a2 = ((FloatVector) p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                            .add(r.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).convert(VectorOperators.I2F, 0))
                            .fma(FloatVector.fromArray(F, dc, dp + 16), a2);
                    a3 = ((FloatVector) p.lanewise(VectorOperators.ASHR, 16).add(r.lanewise(VectorOperators.ASHR, 16)).convert(VectorOperators.I2F, 0))
                            .fma(FloatVector.fromArray(F, dc, dp + 24), a3);
                }
                a0.intoArray(lanes, q * GROUP);
                a1.intoArray(lanes, q * GROUP + 8);
                a2.intoArray(lanes, q * GROUP + 16);
                a3.intoArray(lanes, q * GROUP + 24);
            }
            Q8RowGroups.sumQuads(lanes, false, out, base + (g - g0) * GROUP);
        }
    }

    // Each row must see exactly the n=1 arithmetic, so two rows are two single-row passes, one group at a time
    // while that group's weights sit in L1.
    @Override
    void dot2(Q8Activations a, int i, int g0, int g1, float[] out, int base, int stride) {
        for (int g = g0; g < g1; g++) {
            int o = base + (g - g0) * GROUP;
            dot1(a, i, g, g + 1, out, o);
            dot1(a, i + 1, g, g + 1, out, o + stride);
        }
    }

    /** Dequantizes the {@link Q8Bytes} layout into Q5_0's f32 panels (its bytes hold q-16). */
    static void unpackBytes(MemorySegment w, float[] scales, int blocks, int g, int k0, int kc, float[] panel) {
        for (int b = k0 / 32, p = 0; b < (k0 + kc) / 32; b++, p += 32 * GROUP) {
            for (int h = 0; h < GROUP; h += 16) {
                int sp = (g * blocks + b) * GROUP + h;
                FloatVector d0 = FloatVector.fromArray(F, scales, sp);
                FloatVector d1 = FloatVector.fromArray(F, scales, sp + 8);
                long wp = (long) (g * blocks + b) * Q8Bytes.GROUP_BLOCK_BYTES + h;
                for (int e = 0; e < 32; e++, wp += 32) {
                    IntVector v = ((ShortVector) ByteVector.fromMemorySegment(B, w, wp, LE).convertShape(VectorOperators.B2S, S, 0)).reinterpretAsInts();
                    ((FloatVector) v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(d0).intoArray(panel, p + e * GROUP + h);
                    ((FloatVector) v.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(d1).intoArray(panel, p + e * GROUP + h + 8);
                }
            }
        }
    }
}
