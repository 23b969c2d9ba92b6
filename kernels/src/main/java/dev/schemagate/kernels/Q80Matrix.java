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
 * {@code vec_dot_q8_0_q8_0}: per block {@code d_w*d_x*sum(q_w*q_x)} against Q8_0 activations.
 * Quants are repacked as {@link Q8Bytes}; d becomes an f32 array in group layout {@code [group][block][lane]}.
 */
public final class Q80Matrix extends Q8RowGroups {
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
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

    // int8 x int8 products reach 128*127, so only pairs fit an int16 lane: each pair sum is split into its two
    // rows' int32 lanes (see Q8Bytes) and summed there.
    @Override
    void dot1(Q8Activations a, int i, int g0, int g1, float[] out, int base) {
        MemorySegment w = quants;
        int[] xs = a.quants;
        float[] dx = a.scales;
        int xRow = i * cols;
        int sRow = i * blocks;
        for (int g = g0; g < g1; g++) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            long wp = (long) g * blocks * Q8Bytes.GROUP_BLOCK_BYTES;
            int sp = g * blocks * GROUP;
            for (int b = 0; b < blocks; b++, sp += GROUP) {
                IntVector low = IntVector.zero(I);
                IntVector high = IntVector.zero(I);
                int xp = xRow + b * 32;
                for (int e = 0; e < 32; e += 2, wp += 64) {
                    IntVector p = ((ShortVector) ByteVector.fromMemorySegment(B, w, wp, LE).convertShape(VectorOperators.B2S, S, 0))
                            .mul(IntVector.broadcast(I, xs[xp + e]).reinterpretAsShorts())
                            .add(((ShortVector) ByteVector.fromMemorySegment(B, w, wp + 32, LE).convertShape(VectorOperators.B2S, S, 0))
                                    .mul(IntVector.broadcast(I, xs[xp + e + 1]).reinterpretAsShorts()))
                            .reinterpretAsInts();
                    low = low.add(p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                    high = high.add(p.lanewise(VectorOperators.ASHR, 16));
                }
                FloatVector d = FloatVector.broadcast(F, dx[sRow + b]);
                acc0 = ((FloatVector) low.convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, scales, sp).mul(d), acc0);
                acc1 = ((FloatVector) high.convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, scales, sp + 16).mul(d), acc1);
            }
            int o = base + (g - g0) * GROUP;
            acc0.intoArray(out, o);
            acc1.intoArray(out, o + 16);
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
            FloatVector acc00 = FloatVector.zero(F);
            FloatVector acc01 = FloatVector.zero(F);
            FloatVector acc10 = FloatVector.zero(F);
            FloatVector acc11 = FloatVector.zero(F);
            long wp = (long) g * blocks * Q8Bytes.GROUP_BLOCK_BYTES;
            int sp = g * blocks * GROUP;
            for (int b = 0; b < blocks; b++, sp += GROUP) {
                IntVector low0 = IntVector.zero(I);
                IntVector high0 = IntVector.zero(I);
                IntVector low1 = IntVector.zero(I);
                IntVector high1 = IntVector.zero(I);
                int xp = xRow + b * 32;
                int xq = xp + cols;
                for (int e = 0; e < 32; e += 2, wp += 64) {
                    ShortVector w0 = (ShortVector) ByteVector.fromMemorySegment(B, w, wp, LE).convertShape(VectorOperators.B2S, S, 0);
                    ShortVector w1 = (ShortVector) ByteVector.fromMemorySegment(B, w, wp + 32, LE).convertShape(VectorOperators.B2S, S, 0);
                    IntVector p = w0.mul(IntVector.broadcast(I, xs[xp + e]).reinterpretAsShorts())
                            .add(w1.mul(IntVector.broadcast(I, xs[xp + e + 1]).reinterpretAsShorts())).reinterpretAsInts();
                    IntVector r = w0.mul(IntVector.broadcast(I, xs[xq + e]).reinterpretAsShorts())
                            .add(w1.mul(IntVector.broadcast(I, xs[xq + e + 1]).reinterpretAsShorts())).reinterpretAsInts();
                    low0 = low0.add(p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                    high0 = high0.add(p.lanewise(VectorOperators.ASHR, 16));
                    low1 = low1.add(r.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                    high1 = high1.add(r.lanewise(VectorOperators.ASHR, 16));
                }
                FloatVector d0 = FloatVector.fromArray(F, scales, sp);
                FloatVector d1 = FloatVector.fromArray(F, scales, sp + 16);
                FloatVector c = FloatVector.broadcast(F, dx[sRow + b]);
                acc00 = ((FloatVector) low0.convert(VectorOperators.I2F, 0)).fma(d0.mul(c), acc00);
                acc01 = ((FloatVector) high0.convert(VectorOperators.I2F, 0)).fma(d1.mul(c), acc01);
                c = FloatVector.broadcast(F, dx[sRow + blocks + b]);
                acc10 = ((FloatVector) low1.convert(VectorOperators.I2F, 0)).fma(d0.mul(c), acc10);
                acc11 = ((FloatVector) high1.convert(VectorOperators.I2F, 0)).fma(d1.mul(c), acc11);
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
        unpackBytes(quants, scales, blocks, g, k0, kc, panel);
    }

    /** Dequantizes the {@link Q8Bytes} layout (shared with Q5_0, whose bytes hold q-16). */
    static void unpackBytes(MemorySegment w, float[] scales, int blocks, int g, int k0, int kc, float[] panel) {
        int p = 0;
        for (int b = k0 / 32; b < (k0 + kc) / 32; b++) {
            int sp = (g * blocks + b) * GROUP;
            FloatVector d0 = FloatVector.fromArray(F, scales, sp);
            FloatVector d1 = FloatVector.fromArray(F, scales, sp + 16);
            long wp = (long) (g * blocks + b) * Q8Bytes.GROUP_BLOCK_BYTES;
            for (int e = 0; e < 32; e++, wp += 32, p += GROUP) {
                IntVector v = ((ShortVector) ByteVector.fromMemorySegment(B, w, wp, LE).convertShape(VectorOperators.B2S, S, 0)).reinterpretAsInts();
                ((FloatVector) v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(d0).intoArray(panel, p);
                ((FloatVector) v.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(d1).intoArray(panel, p + 16);
            }
        }
    }
}
