package dev.schemagate.kernels.ops;

/**
 * Scalar emulations of ggml's CPU operation order in its AVX-512 and AVX2 builds (as read in ggml-cpu's vec.h, vec.cpp,
 * simd-mappings.h and ops.cpp), one value at a time, for the bit-exact tests of the vectorized ops.
 */
final class GgmlReference {
    private GgmlReference() {
    }

    /** ggml_v_expf of {@code isa}'s build for one lane. */
    static float vectorExp(float x, GgmlIsa isa) {
        return isa == GgmlIsa.AVX512 ? vectorExp512(x) : vectorExp256(x);
    }

    /** ggml_v_expf (AVX-512) for one lane; {@code scalef} as an exact double product rounded once to float. */
    static float vectorExp512(float x) {
        float n = Math.fma(x, 0x1.715476p+0f, 0x1.8p23f) - 0x1.8p23f;
        float b = Math.fma(-n, 0x1.7f7d1cp-20f, Math.fma(-n, 0x1.62e4p-1f, x));
        float u = b * b;
        float j = Math.fma(Math.fma(Math.fma(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u, Math.fma(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)),
                u, Math.fma(0x1.ffffecp-1f, b, 1f));
        if (Math.abs(n) > 192) return n <= 0 ? 0f : Float.POSITIVE_INFINITY;
        return (float) (j * Math.scalb(1.0, (int) n));
    }

    /**
     * ggml_v_expf (AVX2) for one lane, intrinsic by intrinsic: z's bits shifted into the exponent make k = 2^n; lanes
     * with |n| > 126 take the blend of s1·s1 (|n| > 192) and (s2 + s2·j)·s1.
     */
    static float vectorExp256(float x) {
        float z = Math.fma(x, 0x1.715476p+0f, 0x1.8p23f);
        float n = z - 0x1.8p23f;
        // fnmadd: -(a·b) + c rounded once
        float b = Math.fma(-n, 0x1.7f7d1cp-20f, Math.fma(-n, 0x1.62e4p-1f, x));
        int e = Float.floatToRawIntBits(z) << 23;
        float k = Float.intBitsToFloat(e + Float.floatToRawIntBits(1f));
        boolean c = Math.abs(n) > 126;
        float u = b * b;
        float j = Math.fma(Math.fma(Math.fma(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u, Math.fma(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)),
                u, 0x1.ffffecp-1f * b);
        if (!c) return Math.fma(j, k, k);
        int g = n <= 0 ? 0x82000000 : 0;
        float s1 = Float.intBitsToFloat(g + 0x7f000000);
        float s2 = Float.intBitsToFloat(e - g);
        boolean d = Math.abs(n) > 192;
        return d ? s1 * s1 : Math.fma(s2, j, s2) * s1;
    }

    /** _mm512_reduce_add_ps as GCC expands it: 256-bit halves, 128-bit halves, then pairs. */
    static float reduce16(float[] lanes) {
        float[] t = lanes.clone();
        for (int width = 8; width >= 1; width /= 2) {
            for (int l = 0; l < width; l++) t[l] += t[l + width];
        }
        return t[0];
    }

    /**
     * GGML_F32x8_REDUCE's last steps: {@code t0 = low 128 bits + high 128 bits}, then {@code _mm_hadd_ps} twice and
     * lane 0.
     */
    static float reduce8Hadd(float[] lanes) {
        float[] t0 = new float[4];
        for (int l = 0; l < 4; l++) t0[l] = lanes[l] + lanes[l + 4];
        float[] t1 = {t0[0] + t0[1], t0[2] + t0[3], t0[0] + t0[1], t0[2] + t0[3]};
        return t1[0] + t1[1];
    }

    /** ggml_vec_soft_max_f32's AVX2 register sum: high plus low 128 bits, {@code _mm_movehl_ps}, {@code _mm_movehdup_ps}. */
    static float reduce8Movehl(float[] lanes) {
        float[] v = new float[4];
        for (int l = 0; l < 4; l++) v[l] = lanes[l + 4] + lanes[l];
        float[] h = {v[0] + v[2], v[1] + v[3]};
        return h[0] + h[1];
    }

    /**
     * ggml_vec_dot_f16: four FMA accumulators of {@code w} lanes (AVX-512 16, AVX2 8) per {@code 4w} elements,
     * (0+2)+(1+3), the build's lane reduction, leftovers in double.
     */
    static float dotF16(float[] a, int aOff, float[] b, int bOff, int n, GgmlIsa isa) {
        int w = isa == GgmlIsa.AVX512 ? 16 : 8;
        int steps = n - n % (4 * w);
        float[][] acc = new float[4][w];
        for (int i = 0; i < steps; i += 4 * w) {
            for (int j = 0; j < 4; j++) {
                for (int l = 0; l < w; l++) acc[j][l] = Math.fma(a[aOff + i + w * j + l], b[bOff + i + w * j + l], acc[j][l]);
            }
        }
        float[] lanes = new float[w];
        for (int l = 0; l < w; l++) lanes[l] = (acc[0][l] + acc[2][l]) + (acc[1][l] + acc[3][l]);
        double sum = isa == GgmlIsa.AVX512 ? reduce16(lanes) : reduce8Hadd(lanes);
        for (int i = steps; i < n; i++) sum += a[aOff + i] * b[bOff + i];
        return (float) sum;
    }

    /** ggml_compute_forward_flash_attn_ext_f16_one_chunk for one query row and head, f16 K and V. */
    static float[] attendOneChunk(float[] q, int qOff, float[] keys, float[] values, int kvOff, int kvStride, int positions,
                                  int headDim, float scale, GgmlIsa isa) {
        float[] q16 = new float[headDim];
        for (int d = 0; d < headDim; d++) q16[d] = Half.round(q[qOff + d]);
        float[] acc = new float[headDim];
        float max = Float.NEGATIVE_INFINITY;
        float sum = 0f;
        for (int p = 0; p < positions; p++) {
            int at = kvOff + p * kvStride;
            float s = dotF16(keys, at, q16, 0, headDim, isa) * scale;
            float ms = 1f;
            float vs = 1f;
            if (s > max) {
                float old = max;
                max = s;
                ms = GlibcMath.exp(old - max);
                for (int d = 0; d < headDim; d++) acc[d] = Half.round(acc[d] * ms);
            } else {
                vs = GlibcMath.exp(s - max);
            }
            for (int d = 0; d < headDim; d++) acc[d] = Half.round(Math.fma(values[at + d], vs, acc[d]));
            sum = sum * ms + vs;
        }
        float inverse = sum == 0f ? 0f : 1f / sum;
        for (int d = 0; d < headDim; d++) acc[d] *= inverse;
        return acc;
    }

    /** ggml_compute_forward_flash_attn_ext_tiled for one query row at {@code position} (rows are independent there). */
    static float[] attendTiled(float[] q, int qOff, float[] keys, float[] values, int kvOff, int kvStride, int position,
                               int headDim, float scale, GgmlIsa isa) {
        float[] acc = new float[headDim];
        float max = Float.NEGATIVE_INFINITY;
        float sum = 0f;
        for (int start = 0; start <= position; start += 64) {
            float[] kq = new float[64];
            for (int t = 0; t < 64; t++) {
                if (start + t > position) {
                    kq[t] = Float.NEGATIVE_INFINITY;
                    continue;
                }
                float s = 0f;
                for (int d = 0; d < headDim; d++) s = Math.fma(keys[kvOff + (start + t) * kvStride + d], q[qOff + d], s);
                kq[t] = s * scale + 0f;
            }
            float tileMax = Float.NEGATIVE_INFINITY;
            for (float s : kq) tileMax = tileMax > s ? tileMax : s;
            float newMax = Math.max(max, tileMax);
            if (newMax > max) {
                float ms = GlibcMath.exp(max - newMax);
                for (int d = 0; d < headDim; d++) acc[d] *= ms;
                sum *= ms;
            }
            max = newMax;
            double tileSum = 0;
            int w = isa == GgmlIsa.AVX512 ? 16 : 8;
            for (int block = 0; block < 64; block += w) {
                float[] lanes = new float[w];
                for (int l = 0; l < w; l++) lanes[l] = kq[block + l] = vectorExp(kq[block + l] - newMax, isa);
                tileSum += isa == GgmlIsa.AVX512 ? reduce16(lanes) : reduce8Movehl(lanes);
            }
            sum = (float) (sum + tileSum);
            for (int t = 0; t < 64 && start + t <= position; t++) {
                for (int d = 0; d < headDim; d++) acc[d] = Math.fma(values[kvOff + (start + t) * kvStride + d], kq[t], acc[d]);
            }
        }
        float inverse = sum == 0f ? 0f : 1f / sum;
        for (int d = 0; d < headDim; d++) acc[d] *= inverse;
        return acc;
    }
}
