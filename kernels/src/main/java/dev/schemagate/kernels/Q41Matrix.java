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
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
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
    // a separate fma(m_w, s_x, summs). Lanes are independent, so each quad runs its own pass over the blocks (two
    // accumulators: rows 0-15, 16-31). Unsigned nibble x int8 products are at most 15*127: a quad's 4 fit int16.
    @Override
    void dot1(Q8Activations a, int i, int g0, int g1, float[] out, int base) {
        MemorySegment w = nibbles;
        int[] xs = a.quants;
        float[] dx = a.scales;
        float[] sx = a.blockSums;
        float[] lanes = a.lanes;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            long wg = (long) g * blocks * Q4Nibbles.GROUP_BLOCK_BYTES;
            int sg = g * blocks * GROUP;
            for (int q = 0; q < 8; q++) {
                FloatVector lo = FloatVector.zero(F);
                FloatVector hi = FloatVector.zero(F);
                long wp = wg + q * 64L;
                int xp = xRow + 4 * q;
                int sp = sg;
                for (int b = 0; b < blocks; b++, wp += Q4Nibbles.GROUP_BLOCK_BYTES, xp += 32, sp += GROUP) {
                    ShortVector v = ShortVector.fromMemorySegment(S, w, wp, LE);
                    ShortVector p = v.and((short) 15).mul(IntVector.broadcast(I, xs[xp]).reinterpretAsShorts())
                            .add(v.lanewise(VectorOperators.LSHR, 4).and((short) 15).mul(IntVector.broadcast(I, xs[xp + 1]).reinterpretAsShorts()))
                            .add(v.lanewise(VectorOperators.LSHR, 8).and((short) 15).mul(IntVector.broadcast(I, xs[xp + 2]).reinterpretAsShorts())
                                    .add(v.lanewise(VectorOperators.LSHR, 12).mul(IntVector.broadcast(I, xs[xp + 3]).reinterpretAsShorts())));
                    float c = dx[sRow + b];
                    lo = ((FloatVector) p.convertShape(VectorOperators.S2F, F, 0)).fma(FloatVector.fromArray(F, scales, sp).mul(c), lo);
                    hi = ((FloatVector) p.convertShape(VectorOperators.S2F, F, 1)).fma(FloatVector.fromArray(F, scales, sp + 16).mul(c), hi);
                }
                lo.intoArray(lanes, q * GROUP);
                hi.intoArray(lanes, q * GROUP + 16);
            }
            FloatVector lo = FloatVector.zero(F);
            FloatVector hi = FloatVector.zero(F);
            for (int b = 0, sp = sg; b < blocks; b++, sp += GROUP) {
                FloatVector s = FloatVector.broadcast(F, sx[sRow + b]);
                lo = FloatVector.fromArray(F, mins, sp).fma(s, lo);
                hi = FloatVector.fromArray(F, mins, sp + 16).fma(s, hi);
            }
            int o = base + (g - g0) * GROUP;
            Q8RowGroups.sumQuads(lanes, 0).add(lo).intoArray(out, o);
            Q8RowGroups.sumQuads(lanes, 16).add(hi).intoArray(out, o + 16);
        }
    }

    // Two activation rows share each quad's load and nibble decode; each row's arithmetic is exactly dot1's.
    @Override
    void dot2(Q8Activations a, int i, int g0, int g1, float[] out, int base, int stride) {
        MemorySegment w = nibbles;
        int[] xs = a.quants;
        float[] dx = a.scales;
        float[] sx = a.blockSums;
        float[] lanes = a.lanes;
        float[] lanes2 = a.lanes2;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            long wg = (long) g * blocks * Q4Nibbles.GROUP_BLOCK_BYTES;
            int sg = g * blocks * GROUP;
            for (int q = 0; q < 8; q++) {
                FloatVector lo = FloatVector.zero(F);
                FloatVector hi = FloatVector.zero(F);
                FloatVector lo2 = FloatVector.zero(F);
                FloatVector hi2 = FloatVector.zero(F);
                long wp = wg + q * 64L;
                int xp = xRow + 4 * q;
                int xq = xp + cols;
                int sp = sg;
                for (int b = 0; b < blocks; b++, wp += Q4Nibbles.GROUP_BLOCK_BYTES, xp += 32, xq += 32, sp += GROUP) {
                    ShortVector v = ShortVector.fromMemorySegment(S, w, wp, LE);
                    ShortVector v0 = v.and((short) 15);
                    ShortVector v1 = v.lanewise(VectorOperators.LSHR, 4).and((short) 15);
                    ShortVector v2 = v.lanewise(VectorOperators.LSHR, 8).and((short) 15);
                    ShortVector v3 = v.lanewise(VectorOperators.LSHR, 12);
                    ShortVector p = v0.mul(IntVector.broadcast(I, xs[xp]).reinterpretAsShorts())
                            .add(v1.mul(IntVector.broadcast(I, xs[xp + 1]).reinterpretAsShorts()))
                            .add(v2.mul(IntVector.broadcast(I, xs[xp + 2]).reinterpretAsShorts())
                                    .add(v3.mul(IntVector.broadcast(I, xs[xp + 3]).reinterpretAsShorts())));
                    ShortVector r = v0.mul(IntVector.broadcast(I, xs[xq]).reinterpretAsShorts())
                            .add(v1.mul(IntVector.broadcast(I, xs[xq + 1]).reinterpretAsShorts()))
                            .add(v2.mul(IntVector.broadcast(I, xs[xq + 2]).reinterpretAsShorts())
                                    .add(v3.mul(IntVector.broadcast(I, xs[xq + 3]).reinterpretAsShorts())));
                    FloatVector d0 = FloatVector.fromArray(F, scales, sp);
                    FloatVector d1 = FloatVector.fromArray(F, scales, sp + 16);
                    float c = dx[sRow + b];
                    float c2 = dx[sRow + blocks + b];
                    lo = ((FloatVector) p.convertShape(VectorOperators.S2F, F, 0)).fma(d0.mul(c), lo);
                    hi = ((FloatVector) p.convertShape(VectorOperators.S2F, F, 1)).fma(d1.mul(c), hi);
                    lo2 = ((FloatVector) r.convertShape(VectorOperators.S2F, F, 0)).fma(d0.mul(c2), lo2);
                    hi2 = ((FloatVector) r.convertShape(VectorOperators.S2F, F, 1)).fma(d1.mul(c2), hi2);
                }
                lo.intoArray(lanes, q * GROUP);
                hi.intoArray(lanes, q * GROUP + 16);
                lo2.intoArray(lanes2, q * GROUP);
                hi2.intoArray(lanes2, q * GROUP + 16);
            }
            FloatVector lo = FloatVector.zero(F);
            FloatVector hi = FloatVector.zero(F);
            FloatVector lo2 = FloatVector.zero(F);
            FloatVector hi2 = FloatVector.zero(F);
            for (int b = 0, sp = sg; b < blocks; b++, sp += GROUP) {
                FloatVector m0 = FloatVector.fromArray(F, mins, sp);
                FloatVector m1 = FloatVector.fromArray(F, mins, sp + 16);
                FloatVector s = FloatVector.broadcast(F, sx[sRow + b]);
                FloatVector s2 = FloatVector.broadcast(F, sx[sRow + blocks + b]);
                lo = m0.fma(s, lo);
                hi = m1.fma(s, hi);
                lo2 = m0.fma(s2, lo2);
                hi2 = m1.fma(s2, hi2);
            }
            int o = base + (g - g0) * GROUP;
            Q8RowGroups.sumQuads(lanes, 0).add(lo).intoArray(out, o);
            Q8RowGroups.sumQuads(lanes, 16).add(hi).intoArray(out, o + 16);
            Q8RowGroups.sumQuads(lanes2, 0).add(lo2).intoArray(out, o + stride);
            Q8RowGroups.sumQuads(lanes2, 16).add(hi2).intoArray(out, o + stride + 16);
        }
    }
}
