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
 * Q5_0 weights (ggml {@code block_q5_0}: fp16 d, 4 bytes of fifth bits, 16 bytes of nibbles; w = d*(q-16))
 * multiplied like ggml's {@code vec_dot_q5_0_q8_0}: per block {@code d_w*d_x*sum((q_w-16)*q_x)} against Q8_0
 * activations. The 5-bit values are repacked as signed bytes q-16 in the {@link Q8Bytes} layout (+45% over
 * GGUF, traded for a kernel without bit gathering); d becomes an f32 array in group layout.
 */
public final class Q50Matrix extends Q8RowGroups {
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
    private static final int BLOCK_BYTES = 22;

    private final MemorySegment quants;
    private final float[] scales;

    /** Repacks whole GGUF Q5_0 rows of {@code cols} values from {@code parts}, in order. */
    public Q50Matrix(int cols, MemorySegment... parts) {
        super(GgmlType.Q5_0, cols, parts);
        quants = Q8Bytes.allocate(groups, blocks);
        scales = new float[groups * blocks * GROUP];
        forEachRow(GgmlType.Q5_0, cols, parts, (row, part, offset) -> {
            for (int b = 0; b < blocks; b++) {
                long at = offset + (long) b * BLOCK_BYTES;
                scales[(row / GROUP * blocks + b) * GROUP + row % GROUP] = Float.float16ToFloat(part.get(Q4Nibbles.SHORT, at));
                int high = part.get(INT, at + 2);
                for (int e = 0; e < 32; e++) {
                    int qs = part.get(ValueLayout.JAVA_BYTE, at + 6 + (e & 15));
                    int low = (e < 16 ? qs : qs >>> 4) & 15;
                    Q8Bytes.set(quants, blocks, row, b, e, (low | ((high >>> e) & 1) << 4) - 16);
                }
            }
        });
    }

    /** Writes {@code n} values from {@code src[srcOffset]} as ggml Q5_0 blocks at {@code dst[dstOffset]} (ggml's reference quantizer). */
    public static void quantizeRow(float[] src, int srcOffset, int n, MemorySegment dst, long dstOffset) {
        Objects.checkFromIndexSize(srcOffset, n, src.length);
        if (n % 32 != 0) throw new IllegalArgumentException("Q5_0 rows must be a multiple of 32 values, got " + n);
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
            float d = max / -16f;
            float id = d != 0f ? 1f / d : 0f;
            long at = dstOffset + (long) b * BLOCK_BYTES;
            dst.set(Q4Nibbles.SHORT, at, Float.floatToFloat16(d));
            int high = 0;
            for (int j = 0; j < 16; j++) {
                int lo = Math.min(31, (int) (src[x + j] * id + 16.5f));
                int hi = Math.min(31, (int) (src[x + j + 16] * id + 16.5f));
                dst.set(ValueLayout.JAVA_BYTE, at + 6 + j, (byte) ((lo & 15) | (hi & 15) << 4));
                high |= (lo >>> 4) << j | (hi >>> 4) << (j + 16);
            }
            dst.set(INT, at + 2, high);
        }
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_0;
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

    // (q-16) x int8 products are at most 16*127, so 16 of them fit an int16 lane: each block keeps two int16 sums
    // (even and odd elements) per 16-row half, split into rows 0-7 and 8-15 (see Q8Bytes) once per block. The halves
    // take turns; vector code stays inline (C2 stops inlining small helpers in big methods).
    @Override
    void dot1(Q8Activations a, int i, int g0, int g1, float[] out, int base) {
        MemorySegment w = quants;
        int[] xs = a.quants;
        float[] dx = a.scales;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            int o = base + (g - g0) * GROUP;
            for (int h = 0; h < GROUP; h += 16) {
                FloatVector acc0 = FloatVector.zero(F);
                FloatVector acc1 = acc0;
                long wp = (long) g * blocks * Q8Bytes.GROUP_BLOCK_BYTES + h;
                int sp = g * blocks * GROUP + h;
                for (int b = 0; b < blocks; b++, sp += GROUP) {
                    ShortVector even = ShortVector.zero(S);
                    ShortVector odd = even;
                    int xp = xRow + b * 32;
                    for (int e = 0; e < 32; e += 2, wp += 64) {
                        even = even.add(((ShortVector) ByteVector.fromMemorySegment(B, w, wp, LE).convertShape(VectorOperators.B2S, S, 0))
                                .mul(IntVector.broadcast(I, xs[xp + e]).reinterpretAsShorts()));
                        odd = odd.add(((ShortVector) ByteVector.fromMemorySegment(B, w, wp + 32, LE).convertShape(VectorOperators.B2S, S, 0))
                                .mul(IntVector.broadcast(I, xs[xp + e + 1]).reinterpretAsShorts()));
                    }
                    FloatVector d = FloatVector.broadcast(F, dx[sRow + b]);
                    IntVector ev = even.reinterpretAsInts();
                    IntVector od = odd.reinterpretAsInts();
                    IntVector low = ev.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(od.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                    IntVector high = ev.lanewise(VectorOperators.ASHR, 16).add(od.lanewise(VectorOperators.ASHR, 16));
                    acc0 = ((FloatVector) low.convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, scales, sp).mul(d), acc0);
                    acc1 = ((FloatVector) high.convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, scales, sp + 8).mul(d), acc1);
                }
                acc0.intoArray(out, o + h);
                acc1.intoArray(out, o + h + 8);
            }
        }
    }

    @Override
    void dot2(Q8Activations a, int i, int g0, int g1, float[] out, int base, int stride) {
        MemorySegment w = quants;
        int[] xs = a.quants;
        float[] dx = a.scales;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            int o = base + (g - g0) * GROUP;
            for (int h = 0; h < GROUP; h += 16) {
                FloatVector acc00 = FloatVector.zero(F);
                FloatVector acc01 = acc00;
                FloatVector acc10 = acc00;
                FloatVector acc11 = acc00;
                long wp = (long) g * blocks * Q8Bytes.GROUP_BLOCK_BYTES + h;
                int sp = g * blocks * GROUP + h;
                for (int b = 0; b < blocks; b++, sp += GROUP) {
                    ShortVector even0 = ShortVector.zero(S);
                    ShortVector odd0 = even0;
                    ShortVector even1 = even0;
                    ShortVector odd1 = even0;
                    int xp = xRow + b * 32;
                    int xq = xp + cols;
                    for (int e = 0; e < 32; e += 2, wp += 64) {
                        ShortVector w0 = (ShortVector) ByteVector.fromMemorySegment(B, w, wp, LE).convertShape(VectorOperators.B2S, S, 0);
                        ShortVector w1 = (ShortVector) ByteVector.fromMemorySegment(B, w, wp + 32, LE).convertShape(VectorOperators.B2S, S, 0);
                        even0 = even0.add(w0.mul(IntVector.broadcast(I, xs[xp + e]).reinterpretAsShorts()));
                        odd0 = odd0.add(w1.mul(IntVector.broadcast(I, xs[xp + e + 1]).reinterpretAsShorts()));
                        even1 = even1.add(w0.mul(IntVector.broadcast(I, xs[xq + e]).reinterpretAsShorts()));
                        odd1 = odd1.add(w1.mul(IntVector.broadcast(I, xs[xq + e + 1]).reinterpretAsShorts()));
                    }
                    FloatVector d0 = FloatVector.fromArray(F, scales, sp);
                    FloatVector d1 = FloatVector.fromArray(F, scales, sp + 8);
                    FloatVector c = FloatVector.broadcast(F, dx[sRow + b]);
                    IntVector ev = even0.reinterpretAsInts();
                    IntVector od = odd0.reinterpretAsInts();
                    IntVector low = ev.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(od.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                    IntVector high = ev.lanewise(VectorOperators.ASHR, 16).add(od.lanewise(VectorOperators.ASHR, 16));
                    acc00 = ((FloatVector) low.convert(VectorOperators.I2F, 0)).fma(d0.mul(c), acc00);
                    acc01 = ((FloatVector) high.convert(VectorOperators.I2F, 0)).fma(d1.mul(c), acc01);
                    c = FloatVector.broadcast(F, dx[sRow + blocks + b]);
                    ev = even1.reinterpretAsInts();
                    od = odd1.reinterpretAsInts();
                    low = ev.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(od.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                    high = ev.lanewise(VectorOperators.ASHR, 16).add(od.lanewise(VectorOperators.ASHR, 16));
                    acc10 = ((FloatVector) low.convert(VectorOperators.I2F, 0)).fma(d0.mul(c), acc10);
                    acc11 = ((FloatVector) high.convert(VectorOperators.I2F, 0)).fma(d1.mul(c), acc11);
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
        Q80Matrix.unpackBytes(quants, scales, blocks, g, k0, kc, panel);
    }
}
