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
 * Q4_0 weights (ggml {@code block_q4_0}: fp16 d, 16 bytes of nibbles; w = d*(q-8)) multiplied like ggml's
 * {@code vec_dot_q4_0_q8_0}: per block {@code d_w*d_x*sum((q_w-8)*q_x)} against Q8_0 activations.
 * Nibbles are repacked as {@link Q4Nibbles}; d becomes an f32 array in group layout {@code [group][block][lane]}.
 */
public final class Q40Matrix extends Q8RowGroups {
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int BLOCK_BYTES = 18;

    private final MemorySegment nibbles;
    private final float[] scales;

    /** Repacks whole GGUF Q4_0 rows of {@code cols} values from {@code parts}, in order. */
    public Q40Matrix(int cols, MemorySegment... parts) {
        super(GgmlType.Q4_0, cols, parts);
        nibbles = Q4Nibbles.allocate(groups, blocks);
        scales = new float[groups * blocks * GROUP];
        forEachRow(GgmlType.Q4_0, cols, parts, (row, part, offset) -> {
            for (int b = 0; b < blocks; b++) {
                long at = offset + (long) b * BLOCK_BYTES;
                int groupBlock = row / GROUP * blocks + b;
                scales[groupBlock * GROUP + row % GROUP] = Float.float16ToFloat(part.get(Q4Nibbles.SHORT, at));
                Q4Nibbles.pack(part, at + 2, nibbles, groupBlock, row);
            }
        });
    }

    /** Writes {@code n} values from {@code src[srcOffset]} as ggml Q4_0 blocks at {@code dst[dstOffset]} (ggml's reference quantizer). */
    public static void quantizeRow(float[] src, int srcOffset, int n, MemorySegment dst, long dstOffset) {
        Objects.checkFromIndexSize(srcOffset, n, src.length);
        if (n % 32 != 0) throw new IllegalArgumentException("Q4_0 rows must be a multiple of 32 values, got " + n);
        for (int b = 0; b < n / 32; b++) {
            int x = srcOffset + b * 32;
            float amax = 0f;
            float max = 0f;
            for (int j = 0; j < 32; j++) {
                float v = src[x + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8f;
            float id = d != 0f ? 1f / d : 0f;
            long at = dstOffset + (long) b * BLOCK_BYTES;
            dst.set(Q4Nibbles.SHORT, at, Float.floatToFloat16(d));
            for (int j = 0; j < 16; j++) {
                int lo = Math.min(15, (int) (src[x + j] * id + 8.5f));
                int hi = Math.min(15, (int) (src[x + j + 16] * id + 8.5f));
                dst.set(ValueLayout.JAVA_BYTE, at + 2 + j, (byte) (lo | hi << 4));
            }
        }
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_0;
    }

    @Override
    public void dequantizeRow(int r, float[] dst, int dstOffset) {
        Objects.checkIndex(r, rows);
        Objects.checkFromIndexSize(dstOffset, cols, dst.length);
        for (int b = 0; b < blocks; b++) {
            float d = scales[(r / GROUP * blocks + b) * GROUP + r % GROUP];
            for (int e = 0; e < 32; e++) {
                dst[dstOffset + b * 32 + e] = (Q4Nibbles.nibble(nibbles, blocks, r, b, e) - 8) * d;
            }
        }
    }

    // Unsigned nibbles as in Q4_1 (16 products fit an int16 lane; even and odd quads keep separate sums), then
    // sum((q-8)*x) = sum(q*x) - 8*sum(x) on exact integers held in floats. The 16-row halves take turns; vector code
    // stays inline (C2 stops inlining small helpers in big methods).
    @Override
    void dot1(Q8Activations a, int i, int g0, int g1, float[] out, int base) {
        MemorySegment w = nibbles;
        int[] xs = a.quants;
        float[] dx = a.scales;
        float[] qx = a.quantSums;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            int o = base + (g - g0) * GROUP;
            for (int h = 0; h < GROUP; h += 16) {
                FloatVector acc0 = FloatVector.zero(F);
                FloatVector acc1 = acc0;
                long wp = (long) g * blocks * Q4Nibbles.GROUP_BLOCK_BYTES + 2 * h;
                int sp = g * blocks * GROUP + h;
                for (int b = 0; b < blocks; b++, wp += Q4Nibbles.GROUP_BLOCK_BYTES, sp += GROUP) {
                    ShortVector even = ShortVector.zero(S);
                    ShortVector odd = even;
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
                    FloatVector offset = FloatVector.broadcast(F, 8 * qx[sRow + b]);
                    IntVector ev = even.reinterpretAsInts();
                    IntVector od = odd.reinterpretAsInts();
                    FloatVector f0 = ((FloatVector) ev.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .add((FloatVector) od.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).sub(offset);
                    FloatVector f1 = ((FloatVector) ev.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .add((FloatVector) od.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).sub(offset);
                    acc0 = f0.fma(FloatVector.fromArray(F, scales, sp).mul(d), acc0);
                    acc1 = f1.fma(FloatVector.fromArray(F, scales, sp + 8).mul(d), acc1);
                }
                acc0.intoArray(out, o + h);
                acc1.intoArray(out, o + h + 8);
            }
        }
    }

    @Override
    void dot2(Q8Activations a, int i, int g0, int g1, float[] out, int base, int stride) {
        MemorySegment w = nibbles;
        int[] xs = a.quants;
        float[] dx = a.scales;
        float[] qx = a.quantSums;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            int o = base + (g - g0) * GROUP;
            for (int h = 0; h < GROUP; h += 16) {
                FloatVector acc00 = FloatVector.zero(F);
                FloatVector acc01 = acc00;
                FloatVector acc10 = acc00;
                FloatVector acc11 = acc00;
                long wp = (long) g * blocks * Q4Nibbles.GROUP_BLOCK_BYTES + 2 * h;
                int sp = g * blocks * GROUP + h;
                for (int b = 0; b < blocks; b++, sp += GROUP) {
                    ShortVector first0 = ShortVector.zero(S);
                    ShortVector first1 = first0;
                    ShortVector second0 = first0;
                    ShortVector second1 = first0;
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
                    FloatVector d1 = FloatVector.fromArray(F, scales, sp + 8);
                    FloatVector c = FloatVector.broadcast(F, dx[sRow + b]);
                    FloatVector offset = FloatVector.broadcast(F, 8 * qx[sRow + b]);
                    IntVector f = first0.reinterpretAsInts();
                    IntVector s2 = second0.reinterpretAsInts();
                    acc00 = ((FloatVector) f.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .add((FloatVector) s2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .sub(offset).fma(d0.mul(c), acc00);
                    acc01 = ((FloatVector) f.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .add((FloatVector) s2.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .sub(offset).fma(d1.mul(c), acc01);
                    c = FloatVector.broadcast(F, dx[sRow + blocks + b]);
                    offset = FloatVector.broadcast(F, 8 * qx[sRow + blocks + b]);
                    f = first1.reinterpretAsInts();
                    s2 = second1.reinterpretAsInts();
                    acc10 = ((FloatVector) f.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .add((FloatVector) s2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .sub(offset).fma(d0.mul(c), acc10);
                    acc11 = ((FloatVector) f.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .add((FloatVector) s2.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                            .sub(offset).fma(d1.mul(c), acc11);
                }
                acc00.intoArray(out, o + h);
                acc01.intoArray(out, o + h + 8);
                acc10.intoArray(out, o + stride + h);
                acc11.intoArray(out, o + stride + h + 8);
            }
        }
    }

    @Override
    void unpack(int g, int k0, int kc, float[] panel) {
        MemorySegment w = nibbles;
        for (int b = k0 / 32, p = 0; b < (k0 + kc) / 32; b++, p += 32 * GROUP) {
            for (int h = 0; h < GROUP; h += 16) {
                int sp = (g * blocks + b) * GROUP + h;
                FloatVector d0 = FloatVector.fromArray(F, scales, sp);
                FloatVector d1 = FloatVector.fromArray(F, scales, sp + 8);
                long wp = (long) (g * blocks + b) * Q4Nibbles.GROUP_BLOCK_BYTES + 2 * h;
                for (int e = 0; e < 32; e++) {
                    IntVector v = ShortVector.fromMemorySegment(S, w, wp + (e / 4) * 64L, LE).lanewise(VectorOperators.LSHR, 4 * (e % 4))
                            .and((short) 15).sub((short) 8).reinterpretAsInts();
                    int at = p + e * GROUP + h;
                    ((FloatVector) v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(d0).intoArray(panel, at);
                    ((FloatVector) v.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(d1).intoArray(panel, at + 8);
                }
            }
        }
    }
}
