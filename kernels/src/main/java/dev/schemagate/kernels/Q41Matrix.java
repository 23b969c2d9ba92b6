package dev.schemagate.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_1 weights (ggml {@code block_q4_1}: fp16 d, fp16 m, 16 bytes of nibbles; w = d*q + m) multiplied like ggml's
 * {@code vec_dot_q4_1_q8_1}: per block {@code d_w*d_x*sum(q_w*q_x) + m_w*s_x} against Q8_1 activations, in ggml's
 * x86 float order at every batch size (see {@link Q8RowGroups#sumQuads}).
 * Nibbles are repacked as {@link Q4Nibbles}; d and m become f32 arrays in group layout {@code [group][block][lane]}.
 */
public final class Q41Matrix extends Q8RowGroups {
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int BLOCK_BYTES = 20;

    private final MemorySegment nibbles;
    private final float[] scales;
    private final float[] mins;

    /** Repacks whole GGUF Q4_1 rows of {@code cols} values from {@code parts}, in order. */
    public Q41Matrix(int cols, MemorySegment... parts) {
        super(GgmlType.Q4_1, cols, parts);
        nibbles = Q4Nibbles.allocate(groups, blocks);
        scales = new float[groups * blocks * GROUP];
        mins = new float[groups * blocks * GROUP];
        forEachRow(GgmlType.Q4_1, cols, parts, (row, part, offset) -> {
            for (int b = 0; b < blocks; b++) {
                long at = offset + (long) b * BLOCK_BYTES;
                int groupBlock = row / GROUP * blocks + b;
                scales[groupBlock * GROUP + row % GROUP] = Float.float16ToFloat(part.get(Q4Nibbles.SHORT, at));
                mins[groupBlock * GROUP + row % GROUP] = Float.float16ToFloat(part.get(Q4Nibbles.SHORT, at + 2));
                Q4Nibbles.pack(part, at + 4, nibbles, groupBlock, row);
            }
        });
    }

    /** Writes {@code n} values from {@code src[srcOffset]} as ggml Q4_1 blocks at {@code dst[dstOffset]} (ggml's reference quantizer). */
    public static void quantizeRow(float[] src, int srcOffset, int n, MemorySegment dst, long dstOffset) {
        Objects.checkFromIndexSize(srcOffset, n, src.length);
        if (n % 32 != 0) throw new IllegalArgumentException("Q4_1 rows must be a multiple of 32 values, got " + n);
        for (int b = 0; b < n / 32; b++) {
            int x = srcOffset + b * 32;
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int j = 0; j < 32; j++) {
                float v = src[x + j];
                if (v < min) min = v;
                if (v > max) max = v;
            }
            float d = (max - min) / 15f;
            float id = d != 0f ? 1f / d : 0f;
            long at = dstOffset + (long) b * BLOCK_BYTES;
            dst.set(Q4Nibbles.SHORT, at, Float.floatToFloat16(d));
            dst.set(Q4Nibbles.SHORT, at + 2, Float.floatToFloat16(min));
            for (int j = 0; j < 16; j++) {
                int lo = Math.min(15, (int) ((src[x + j] - min) * id + 0.5f));
                int hi = Math.min(15, (int) ((src[x + j + 16] - min) * id + 0.5f));
                dst.set(ValueLayout.JAVA_BYTE, at + 4 + j, (byte) (lo | hi << 4));
            }
        }
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_1;
    }

    @Override
    public void dequantizeRow(int r, float[] dst, int dstOffset) {
        Objects.checkIndex(r, rows);
        Objects.checkFromIndexSize(dstOffset, cols, dst.length);
        for (int b = 0; b < blocks; b++) {
            int s = (r / GROUP * blocks + b) * GROUP + r % GROUP;
            for (int e = 0; e < 32; e++) {
                dst[dstOffset + b * 32 + e] = Q4Nibbles.nibble(nibbles, blocks, r, b, e) * scales[s] + mins[s];
            }
        }
    }

    @Override
    boolean needsSums() {
        return true;
    }

    @Override
    boolean ggmlOrder() {
        return true;
    }

    // ggml's AVX2 loop keeps 8 float lanes per row, lane k = fma(d_w*d_x, sum of quad k's 4 products, lane k), and
    // a separate fma(m_w, s_x, summs). Lanes are independent, so each quad runs its own pass over the blocks (four
    // accumulators: rows 0-7, 8-15, 16-23, 24-31), with d_w*d_x computed once per group. Unsigned nibble x int8
    // products are at most 15*127: a quad's 4 fit int16. Vector code stays inline: C2 stops inlining small helpers in
    // big methods.
    @Override
    void dot1(Q8Activations a, int i, int g0, int g1, float[] out, int base) {
        MemorySegment w = nibbles;
        int[] xs = a.quants;
        float[] lanes = a.lanes;
        float[] dc = a.products;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            long wg = (long) g * blocks * Q4Nibbles.GROUP_BLOCK_BYTES;
            Q8RowGroups.scaleProducts(scales, g, blocks, a.scales, sRow, dc);
            for (int q = 0; q < 8; q++) {
                FloatVector a0 = FloatVector.zero(F);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                long wp = wg + q * 64L;
                int xp = xRow + 4 * q;
                for (int b = 0, dp = 0; b < blocks; b++, wp += Q4Nibbles.GROUP_BLOCK_BYTES, xp += 32, dp += GROUP) {
                    ShortVector x0 = IntVector.broadcast(I, xs[xp]).reinterpretAsShorts();
                    ShortVector x1 = IntVector.broadcast(I, xs[xp + 1]).reinterpretAsShorts();
                    ShortVector x2 = IntVector.broadcast(I, xs[xp + 2]).reinterpretAsShorts();
                    ShortVector x3 = IntVector.broadcast(I, xs[xp + 3]).reinterpretAsShorts();
                    ShortVector v = ShortVector.fromMemorySegment(S, w, wp, LE);
                    IntVector p = v.and((short) 15).mul(x0)
                            .add(v.lanewise(VectorOperators.LSHR, 4).and((short) 15).mul(x1))
                            .add(v.lanewise(VectorOperators.LSHR, 8).and((short) 15).mul(x2)
                                    .add(v.lanewise(VectorOperators.LSHR, 12).mul(x3)))
                            .reinterpretAsInts();
                    a0 = ((FloatVector) p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .fma(FloatVector.fromArray(F, dc, dp), a0);
                    a1 = ((FloatVector) p.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, dc, dp + 8), a1);
                    v = ShortVector.fromMemorySegment(S, w, wp + 32, LE);
                    p = v.and((short) 15).mul(x0)
                            .add(v.lanewise(VectorOperators.LSHR, 4).and((short) 15).mul(x1))
                            .add(v.lanewise(VectorOperators.LSHR, 8).and((short) 15).mul(x2)
                                    .add(v.lanewise(VectorOperators.LSHR, 12).mul(x3)))
                            .reinterpretAsInts();
                    a2 = ((FloatVector) p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .fma(FloatVector.fromArray(F, dc, dp + 16), a2);
                    a3 = ((FloatVector) p.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, dc, dp + 24), a3);
                }
                a0.intoArray(lanes, q * GROUP);
                a1.intoArray(lanes, q * GROUP + 8);
                a2.intoArray(lanes, q * GROUP + 16);
                a3.intoArray(lanes, q * GROUP + 24);
            }
            minTerms(g, sRow, a.blockSums, lanes);
            Q8RowGroups.sumQuads(lanes, true, out, base + (g - g0) * GROUP);
        }
    }

    // Each row sees exactly the n=1 arithmetic: two single-row passes, one group at a time while that group's weights
    // sit in L1 (measured faster on AVX2 than sharing the nibble decode, whose broadcasts spill registers).
    @Override
    void dot2(Q8Activations a, int i, int g0, int g1, float[] out, int base, int stride) {
        for (int g = g0; g < g1; g++) {
            int o = base + (g - g0) * GROUP;
            dot1(a, i, g, g + 1, out, o);
            dot1(a, i + 1, g, g + 1, out, o + stride);
        }
    }

    /** ggml's {@code summs}: per row of group {@code g}, {@code fma(m_w, s_x, summs)} block after block, into {@code lanes[8*32 ..]}. */
    private void minTerms(int g, int sRow, float[] sx, float[] lanes) {
        for (int r = 0; r < GROUP; r += 8) {
            FloatVector acc = FloatVector.zero(F);
            for (int b = 0, sp = g * blocks * GROUP + r; b < blocks; b++, sp += GROUP) {
                acc = FloatVector.fromArray(F, mins, sp).fma(FloatVector.broadcast(F, sx[sRow + b]), acc);
            }
            acc.intoArray(lanes, 8 * GROUP + r);
        }
    }
}
