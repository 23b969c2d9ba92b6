package dev.schemagate.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A plain scalar model of ggml's block formats and of its quantized dot products, written from the format
 * description independently of the kernels: decodes GGUF block bytes, quantizes activations the way ggml's x86
 * {@code quantize_row_q8_0/q8_1} do, and computes each block's integer sum exactly.
 */
final class Q8Reference {
    private Q8Reference() {
    }

    /** One decoded weight block: the integers the dot product multiplies, and the float scale (and Q4_1 min). */
    record WeightBlock(int[] q, float d, float m) {
        float value(int e) {
            return q[e] * d + m;
        }
    }

    /** One quantized activation block: int8 values, d as stored (fp16-rounded), and Q8_1's s (fp16-rounded). */
    record ActivationBlock(int[] q, float d, float s) {
    }

    static WeightBlock decode(GgmlType type, byte[] row, int block) {
        ByteBuffer buf = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
        int at = block * type.bytesPerBlock();
        float d = Float.float16ToFloat(buf.getShort(at));
        int[] q = new int[32];
        switch (type) {
            case Q4_0 -> {
                for (int j = 0; j < 16; j++) {
                    int b = row[at + 2 + j] & 0xFF;
                    q[j] = (b & 0x0F) - 8;
                    q[j + 16] = (b >> 4) - 8;
                }
                return new WeightBlock(q, d, 0f);
            }
            case Q4_1 -> {
                float m = Float.float16ToFloat(buf.getShort(at + 2));
                for (int j = 0; j < 16; j++) {
                    int b = row[at + 4 + j] & 0xFF;
                    q[j] = b & 0x0F;
                    q[j + 16] = b >> 4;
                }
                return new WeightBlock(q, d, m);
            }
            case Q5_0 -> {
                long qh = buf.getInt(at + 2) & 0xFFFFFFFFL;
                for (int j = 0; j < 16; j++) {
                    int b = row[at + 6 + j] & 0xFF;
                    q[j] = ((b & 0x0F) | (int) ((qh >> j) & 1) << 4) - 16;
                    q[j + 16] = ((b >> 4) | (int) ((qh >> (j + 16)) & 1) << 4) - 16;
                }
                return new WeightBlock(q, d, 0f);
            }
            case Q8_0 -> {
                for (int j = 0; j < 32; j++) q[j] = row[at + 2 + j];
                return new WeightBlock(q, d, 0f);
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    static ActivationBlock quantize(float[] x, int offset) {
        float amax = 0f;
        for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(x[offset + j]));
        float d = amax / 127f;
        float id = amax != 0f ? 127f / amax : 0f;
        int[] q = new int[32];
        int sum = 0;
        for (int j = 0; j < 32; j++) {
            float scaled = x[offset + j] * id;
            q[j] = (int) Math.rint(scaled);
            sum += q[j];
        }
        float s = Float.float16ToFloat(Float.floatToFloat16(d * sum));
        return new ActivationBlock(q, Float.float16ToFloat(Float.floatToFloat16(d)), s);
    }

    /** ggml's quantized dot of one weight row with one activation row: sum over blocks, as exact as a double allows. */
    static Dot dot(GgmlType type, byte[] row, float[] x, int xOffset, int cols) {
        double sum = 0;
        double magnitude = 0;
        for (int b = 0; b < cols / 32; b++) {
            WeightBlock w = decode(type, row, b);
            ActivationBlock a = quantize(x, xOffset + b * 32);
            long isum = 0;
            long absSum = 0;
            for (int j = 0; j < 32; j++) {
                isum += (long) w.q()[j] * a.q()[j];
                absSum += Math.abs((long) w.q()[j] * a.q()[j]);
            }
            double minTerm = type == GgmlType.Q4_1 ? (double) w.m() * a.s() : 0;
            sum += (double) w.d() * a.d() * isum + minTerm;
            magnitude += Math.abs((double) w.d() * a.d()) * absSum + Math.abs(minTerm);
        }
        return new Dot(sum, magnitude);
    }

    /**
     * ggml's x86 AVX2 float order for Q4_1 x Q8_1 and Q8_0 x Q8_0 (llama.cpp's {@code libggml-cpu-zen4.so}): 8 float
     * lanes, lane k adds {@code fma(d_w*d_x, sum of elements 4k..4k+3's products, lane k)} block after block; Q4_1
     * also {@code summs = fma(m_w, s_x, summs)}; then {@code hsum_float_8} ((lanes 0-3 + lanes 4-7), movehl, movehdup)
     * plus summs.
     */
    static float ggmlDot(GgmlType type, byte[] row, float[] x, int xOffset, int cols) {
        if (type != GgmlType.Q4_1 && type != GgmlType.Q8_0) throw new IllegalArgumentException(type.toString());
        float[] lanes = new float[8];
        float summs = 0f;
        for (int b = 0; b < cols / 32; b++) {
            WeightBlock w = decode(type, row, b);
            ActivationBlock a = quantize(x, xOffset + b * 32);
            float d = w.d() * a.d();
            for (int k = 0; k < 8; k++) {
                int isum = 0;
                for (int j = 4 * k; j < 4 * k + 4; j++) isum += w.q()[j] * a.q()[j];
                lanes[k] = Math.fma(d, (float) isum, lanes[k]);
            }
            if (type == GgmlType.Q4_1) summs = Math.fma(w.m(), a.s(), summs);
        }
        float[] half = new float[4];
        for (int k = 0; k < 4; k++) half[k] = lanes[k + 4] + lanes[k];
        float even = half[0] + half[2];
        float odd = half[1] + half[3];
        float hsum = even + odd;
        return type == GgmlType.Q4_1 ? hsum + summs : hsum;
    }

    /** A reference result and the sum of its products' magnitudes, which float rounding error is relative to. */
    record Dot(double value, double magnitude) {
    }
}
