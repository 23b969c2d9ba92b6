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
 * {@code vec_dot_q4_1_q8_1}: per block {@code d_w*d_x*sum(q_w*q_x) + m_w*s_x} against Q8_1 activations.
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
    float[] mins() {
        return mins;
    }

    // Unsigned nibble x int8 products are at most 15*127, so 16 of them fit an int16 lane: each block keeps two
    // int16 sums (even and odd quads) and converts them to float once per block.
    @Override
    void dot1(Q8Activations a, int i, int g0, int g1, float[] out, int base) {
        MemorySegment w = nibbles;
        int[] xs = a.quants;
        float[] dx = a.scales;
        float[] sx = a.blockSums;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            long wp = (long) g * blocks * Q4Nibbles.GROUP_BLOCK_BYTES;
            int sp = g * blocks * GROUP;
            for (int b = 0; b < blocks; b++, wp += Q4Nibbles.GROUP_BLOCK_BYTES, sp += GROUP) {
                ShortVector even = ShortVector.zero(S);
                ShortVector odd = ShortVector.zero(S);
                int xp = xRow + b * 32;
                for (int q = 0; q < 8; q += 2, xp += 8) {
                    ShortVector v = ShortVector.fromMemorySegment(S, w, wp + q * 64L, LE);
                    ShortVector p0 = v.and((short) 15).mul(IntVector.broadcast(I, xs[xp]).reinterpretAsShorts());
                    ShortVector p1 = v.lanewise(VectorOperators.LSHR, 4).and((short) 15).mul(IntVector.broadcast(I, xs[xp + 1]).reinterpretAsShorts());
                    ShortVector p2 = v.lanewise(VectorOperators.LSHR, 8).and((short) 15).mul(IntVector.broadcast(I, xs[xp + 2]).reinterpretAsShorts());
                    ShortVector p3 = v.lanewise(VectorOperators.LSHR, 12).mul(IntVector.broadcast(I, xs[xp + 3]).reinterpretAsShorts());
                    even = even.add(p0.add(p1)).add(p2.add(p3));
                    ShortVector u = ShortVector.fromMemorySegment(S, w, wp + q * 64L + 64, LE);
                    ShortVector r0 = u.and((short) 15).mul(IntVector.broadcast(I, xs[xp + 4]).reinterpretAsShorts());
                    ShortVector r1 = u.lanewise(VectorOperators.LSHR, 4).and((short) 15).mul(IntVector.broadcast(I, xs[xp + 5]).reinterpretAsShorts());
                    ShortVector r2 = u.lanewise(VectorOperators.LSHR, 8).and((short) 15).mul(IntVector.broadcast(I, xs[xp + 6]).reinterpretAsShorts());
                    ShortVector r3 = u.lanewise(VectorOperators.LSHR, 12).mul(IntVector.broadcast(I, xs[xp + 7]).reinterpretAsShorts());
                    odd = odd.add(r0.add(r1)).add(r2.add(r3));
                }
                FloatVector d = FloatVector.broadcast(F, dx[sRow + b]);
                FloatVector s = FloatVector.broadcast(F, sx[sRow + b]);
                FloatVector f0 = ((FloatVector) even.convertShape(VectorOperators.S2F, F, 0)).add((FloatVector) odd.convertShape(VectorOperators.S2F, F, 0));
                FloatVector f1 = ((FloatVector) even.convertShape(VectorOperators.S2F, F, 1)).add((FloatVector) odd.convertShape(VectorOperators.S2F, F, 1));
                acc0 = f0.fma(FloatVector.fromArray(F, scales, sp).mul(d), acc0);
                acc1 = f1.fma(FloatVector.fromArray(F, scales, sp + 16).mul(d), acc1);
                acc0 = FloatVector.fromArray(F, mins, sp).fma(s, acc0);
                acc1 = FloatVector.fromArray(F, mins, sp + 16).fma(s, acc1);
            }
            int o = base + (g - g0) * GROUP;
            acc0.intoArray(out, o);
            acc1.intoArray(out, o + 16);
        }
    }

    // Two activation rows share every nibble load and plane decode; each row keeps int16 sums for the block's
    // first and second 16 elements.
    @Override
    void dot2(Q8Activations a, int i, int g0, int g1, float[] out, int base, int stride) {
        MemorySegment w = nibbles;
        int[] xs = a.quants;
        float[] dx = a.scales;
        float[] sx = a.blockSums;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            FloatVector acc00 = FloatVector.zero(F);
            FloatVector acc01 = FloatVector.zero(F);
            FloatVector acc10 = FloatVector.zero(F);
            FloatVector acc11 = FloatVector.zero(F);
            long wp = (long) g * blocks * Q4Nibbles.GROUP_BLOCK_BYTES;
            int sp = g * blocks * GROUP;
            for (int b = 0; b < blocks; b++, sp += GROUP) {
                ShortVector first0 = ShortVector.zero(S);
                ShortVector first1 = ShortVector.zero(S);
                ShortVector second0 = ShortVector.zero(S);
                ShortVector second1 = ShortVector.zero(S);
                int xp = xRow + b * 32;
                for (int q = 0; q < 4; q++, xp += 4, wp += 64) {
                    ShortVector v = ShortVector.fromMemorySegment(S, w, wp, LE);
                    ShortVector p0 = v.and((short) 15);
                    ShortVector p1 = v.lanewise(VectorOperators.LSHR, 4).and((short) 15);
                    ShortVector p2 = v.lanewise(VectorOperators.LSHR, 8).and((short) 15);
                    ShortVector p3 = v.lanewise(VectorOperators.LSHR, 12);
                    first0 = first0.add(p0.mul(IntVector.broadcast(I, xs[xp]).reinterpretAsShorts()).add(p1.mul(IntVector.broadcast(I, xs[xp + 1]).reinterpretAsShorts())))
                            .add(p2.mul(IntVector.broadcast(I, xs[xp + 2]).reinterpretAsShorts()).add(p3.mul(IntVector.broadcast(I, xs[xp + 3]).reinterpretAsShorts())));
                    int xq = xp + cols;
                    first1 = first1.add(p0.mul(IntVector.broadcast(I, xs[xq]).reinterpretAsShorts()).add(p1.mul(IntVector.broadcast(I, xs[xq + 1]).reinterpretAsShorts())))
                            .add(p2.mul(IntVector.broadcast(I, xs[xq + 2]).reinterpretAsShorts()).add(p3.mul(IntVector.broadcast(I, xs[xq + 3]).reinterpretAsShorts())));
                }
                for (int q = 4; q < 8; q++, xp += 4, wp += 64) {
                    ShortVector v = ShortVector.fromMemorySegment(S, w, wp, LE);
                    ShortVector p0 = v.and((short) 15);
                    ShortVector p1 = v.lanewise(VectorOperators.LSHR, 4).and((short) 15);
                    ShortVector p2 = v.lanewise(VectorOperators.LSHR, 8).and((short) 15);
                    ShortVector p3 = v.lanewise(VectorOperators.LSHR, 12);
                    second0 = second0.add(p0.mul(IntVector.broadcast(I, xs[xp]).reinterpretAsShorts()).add(p1.mul(IntVector.broadcast(I, xs[xp + 1]).reinterpretAsShorts())))
                            .add(p2.mul(IntVector.broadcast(I, xs[xp + 2]).reinterpretAsShorts()).add(p3.mul(IntVector.broadcast(I, xs[xp + 3]).reinterpretAsShorts())));
                    int xq = xp + cols;
                    second1 = second1.add(p0.mul(IntVector.broadcast(I, xs[xq]).reinterpretAsShorts()).add(p1.mul(IntVector.broadcast(I, xs[xq + 1]).reinterpretAsShorts())))
                            .add(p2.mul(IntVector.broadcast(I, xs[xq + 2]).reinterpretAsShorts()).add(p3.mul(IntVector.broadcast(I, xs[xq + 3]).reinterpretAsShorts())));
                }
                FloatVector d0 = FloatVector.fromArray(F, scales, sp);
                FloatVector d1 = FloatVector.fromArray(F, scales, sp + 16);
                FloatVector m0 = FloatVector.fromArray(F, mins, sp);
                FloatVector m1 = FloatVector.fromArray(F, mins, sp + 16);
                FloatVector c = FloatVector.broadcast(F, dx[sRow + b]);
                FloatVector s = FloatVector.broadcast(F, sx[sRow + b]);
                acc00 = ((FloatVector) first0.convertShape(VectorOperators.S2F, F, 0)).add((FloatVector) second0.convertShape(VectorOperators.S2F, F, 0)).fma(d0.mul(c), m0.fma(s, acc00));
                acc01 = ((FloatVector) first0.convertShape(VectorOperators.S2F, F, 1)).add((FloatVector) second0.convertShape(VectorOperators.S2F, F, 1)).fma(d1.mul(c), m1.fma(s, acc01));
                c = FloatVector.broadcast(F, dx[sRow + blocks + b]);
                s = FloatVector.broadcast(F, sx[sRow + blocks + b]);
                acc10 = ((FloatVector) first1.convertShape(VectorOperators.S2F, F, 0)).add((FloatVector) second1.convertShape(VectorOperators.S2F, F, 0)).fma(d0.mul(c), m0.fma(s, acc10));
                acc11 = ((FloatVector) first1.convertShape(VectorOperators.S2F, F, 1)).add((FloatVector) second1.convertShape(VectorOperators.S2F, F, 1)).fma(d1.mul(c), m1.fma(s, acc11));
            }
            int o = base + (g - g0) * GROUP;
            acc00.intoArray(out, o);
            acc01.intoArray(out, o + 16);
            acc10.intoArray(out, o + stride);
            acc11.intoArray(out, o + stride + 16);
        }
    }

    @Override
    void unpack(int g, int k0, int kc, float[] panel) {
        MemorySegment w = nibbles;
        int p = 0;
        for (int b = k0 / 32; b < (k0 + kc) / 32; b++) {
            int sp = (g * blocks + b) * GROUP;
            FloatVector d0 = FloatVector.fromArray(F, scales, sp);
            FloatVector d1 = FloatVector.fromArray(F, scales, sp + 16);
            long wp = (long) (g * blocks + b) * Q4Nibbles.GROUP_BLOCK_BYTES;
            for (int q = 0; q < 8; q++, wp += 64, p += 4 * GROUP) {
                ShortVector v = ShortVector.fromMemorySegment(S, w, wp, LE);
                ShortVector q0 = v.and((short) 15);
                ShortVector q1 = v.lanewise(VectorOperators.LSHR, 4).and((short) 15);
                ShortVector q2 = v.lanewise(VectorOperators.LSHR, 8).and((short) 15);
                ShortVector q3 = v.lanewise(VectorOperators.LSHR, 12);
                ((FloatVector) q0.convertShape(VectorOperators.S2F, F, 0)).mul(d0).intoArray(panel, p);
                ((FloatVector) q0.convertShape(VectorOperators.S2F, F, 1)).mul(d1).intoArray(panel, p + 16);
                ((FloatVector) q1.convertShape(VectorOperators.S2F, F, 0)).mul(d0).intoArray(panel, p + 32);
                ((FloatVector) q1.convertShape(VectorOperators.S2F, F, 1)).mul(d1).intoArray(panel, p + 48);
                ((FloatVector) q2.convertShape(VectorOperators.S2F, F, 0)).mul(d0).intoArray(panel, p + 64);
                ((FloatVector) q2.convertShape(VectorOperators.S2F, F, 1)).mul(d1).intoArray(panel, p + 80);
                ((FloatVector) q3.convertShape(VectorOperators.S2F, F, 0)).mul(d0).intoArray(panel, p + 96);
                ((FloatVector) q3.convertShape(VectorOperators.S2F, F, 1)).mul(d1).intoArray(panel, p + 112);
            }
        }
    }
}
