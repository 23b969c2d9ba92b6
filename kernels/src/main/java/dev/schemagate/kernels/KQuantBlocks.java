package dev.schemagate.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pieces of ggml's K-quant super-blocks (256 values) shared by the Q4_K, Q5_K and Q6_K matrices: reading the
 * packed 6-bit scales and mins, a simple encoder (per-sub-block range, scales rounded through ggml's 6-bit/fp16
 * forms) that is correct but does not search for the optimal scales like ggml's quantizer, and the kernels'
 * vector shapes: 8 value bytes widened to the int lanes of one 256-bit vector, so every step stays within AVX2.
 */
final class KQuantBlocks {
    static final int QK = 256;
    /** 256-bit vectors: 8 floats, the widest that AVX2 machines run natively. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    /** 8 value bytes, widened to the 8 int lanes of {@link #I} in one step. */
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private KQuantBlocks() {
    }

    static float fp16(MemorySegment s, long at) {
        return Float.float16ToFloat(s.get(FragmentedRows.SHORT_LE, at));
    }

    /** 6-bit scale {@code j} (0..7) of the 12 packed bytes at {@code at} (Q4_K, Q5_K). */
    static int scale(MemorySegment s, long at, int j) {
        if (j < 4) return byteAt(s, at + j) & 63;
        return (byteAt(s, at + j + 4) & 0xF) | ((byteAt(s, at + j - 4) >> 6) << 4);
    }

    /** 6-bit min {@code j} (0..7) of the 12 packed bytes at {@code at} (Q4_K, Q5_K). */
    static int min(MemorySegment s, long at, int j) {
        if (j < 4) return byteAt(s, at + j + 4) & 63;
        return (byteAt(s, at + j + 4) >> 4) | ((byteAt(s, at + j) >> 6) << 4);
    }

    private static int byteAt(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    /**
     * Encodes the 256 values at {@code src[off]} as {@code q[e]·d·sc[j] − dmin·m[j]} with {@code q} in
     * {@code [0, levels]} for the 8 sub-blocks {@code j} of 32: writes fp16 d and dmin at {@code at} and the 12
     * packed scale bytes after them, and returns the levels in {@code q}.
     */
    static void encodeAffine(float[] src, int off, int levels, MemorySegment dst, long at, int[] q) {
        float[] mins = new float[8];
        float[] ranges = new float[8];
        float maxMin = 0;
        float maxScale = 0;
        for (int j = 0; j < 8; j++) {
            float lo = 0;
            float hi = -Float.MAX_VALUE;
            for (int e = 0; e < 32; e++) {
                float v = src[off + 32 * j + e];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            mins[j] = -lo;
            ranges[j] = hi - lo;
            maxMin = Math.max(maxMin, mins[j]);
            maxScale = Math.max(maxScale, ranges[j] / levels);
        }
        short dBits = Float.floatToFloat16(maxScale / 63);
        short dminBits = Float.floatToFloat16(maxMin / 63);
        float d = Float.float16ToFloat(dBits);
        float dmin = Float.float16ToFloat(dminBits);
        int[] sc = new int[8];
        int[] m = new int[8];
        for (int j = 0; j < 8; j++) {
            m[j] = dmin > 0 ? Math.clamp((int) Math.rint(mins[j] / dmin), 0, 63) : 0;
            float needed = (ranges[j] - mins[j] + m[j] * dmin) / levels;
            // rounding the scale up keeps the sub-block's largest value inside the levels
            sc[j] = d > 0 ? Math.clamp((int) Math.ceil(needed / d), 0, 63) : 0;
            float step = d * sc[j];
            float shift = dmin * m[j];
            for (int e = 0; e < 32; e++) {
                float v = src[off + 32 * j + e];
                q[32 * j + e] = step > 0 ? Math.clamp((int) Math.rint((v + shift) / step), 0, levels) : 0;
            }
        }
        dst.set(FragmentedRows.SHORT_LE, at, dBits);
        dst.set(FragmentedRows.SHORT_LE, at + 2, dminBits);
        for (int j = 0; j < 4; j++) {
            dst.set(ValueLayout.JAVA_BYTE, at + 4 + j, (byte) (sc[j] | (sc[j + 4] >> 4) << 6));
            dst.set(ValueLayout.JAVA_BYTE, at + 8 + j, (byte) (m[j] | (m[j + 4] >> 4) << 6));
            dst.set(ValueLayout.JAVA_BYTE, at + 12 + j, (byte) ((sc[j + 4] & 0xF) | (m[j + 4] & 0xF) << 4));
        }
    }

    /** Writes 128 bytes of nibbles at {@code at}: byte {@code 32c+l} holds values {@code 64c+l} (low) and {@code 64c+32+l}. */
    static void packNibbles(int[] q, MemorySegment dst, long at) {
        for (int c = 0; c < 4; c++) {
            for (int l = 0; l < 32; l++) {
                dst.set(ValueLayout.JAVA_BYTE, at + 32 * c + l, (byte) ((q[64 * c + l] & 0xF) | (q[64 * c + 32 + l] & 0xF) << 4));
            }
        }
    }
}
