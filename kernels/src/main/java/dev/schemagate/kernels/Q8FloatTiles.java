package dev.schemagate.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * f32 multiply of one dequantized 32-row weight panel ({@code w[wOffset + k*32 + lane]}) by activation rows
 * ({@code x[xOffset + i*xStride + k]}), register-tiled 32 rows x 8 activation rows (16 zmm accumulators; C2 has 32),
 * then 4 and 1 for the rest. Each tile is its own method so C2 inlines every vector operation inside it.
 */
final class Q8FloatTiles {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

    private Q8FloatTiles() {
    }

    /** {@code out[outOffset + i*outStride + lane] (+)= sum_k w[k][lane] * x[i][k]} for {@code i < n}; adds to out when {@code add}. */
    static void multiply(float[] w, int wOffset, int k, float[] x, int xOffset, int xStride, int n, float[] out, int outOffset, int outStride, boolean add) {
        int i = 0;
        for (; i + 8 <= n; i += 8) tile8(w, wOffset, k, x, xOffset + i * xStride, xStride, out, outOffset + i * outStride, outStride, add);
        if (i + 4 <= n) {
            tile4(w, wOffset, k, x, xOffset + i * xStride, xStride, out, outOffset + i * outStride, outStride, add);
            i += 4;
        }
        for (; i < n; i++) tile1(w, wOffset, k, x, xOffset + i * xStride, xStride, out, outOffset + i * outStride, outStride, add);
    }

    /** 8 activation rows x 32 weight rows. */
    private static void tile8(float[] w, int wOffset, int k, float[] x, int xOffset, int xStride, float[] out, int outOffset, int outStride, boolean add) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector a00 = zero, a01 = zero, a10 = zero, a11 = zero, a20 = zero, a21 = zero, a30 = zero, a31 = zero, a40 = zero, a41 = zero, a50 = zero, a51 = zero, a60 = zero, a61 = zero, a70 = zero, a71 = zero;
        int x0 = xOffset;
        int x1 = xOffset + xStride;
        int x2 = xOffset + 2 * xStride;
        int x3 = xOffset + 3 * xStride;
        int x4 = xOffset + 4 * xStride;
        int x5 = xOffset + 5 * xStride;
        int x6 = xOffset + 6 * xStride;
        int x7 = xOffset + 7 * xStride;
        for (int kk = 0, wp = wOffset; kk < k; kk++, wp += 32) {
            FloatVector w0 = FloatVector.fromArray(F, w, wp);
            FloatVector w1 = FloatVector.fromArray(F, w, wp + 16);
            FloatVector v;
            v = FloatVector.broadcast(F, x[x0 + kk]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            v = FloatVector.broadcast(F, x[x1 + kk]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            v = FloatVector.broadcast(F, x[x2 + kk]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            v = FloatVector.broadcast(F, x[x3 + kk]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            v = FloatVector.broadcast(F, x[x4 + kk]);
            a40 = w0.fma(v, a40);
            a41 = w1.fma(v, a41);
            v = FloatVector.broadcast(F, x[x5 + kk]);
            a50 = w0.fma(v, a50);
            a51 = w1.fma(v, a51);
            v = FloatVector.broadcast(F, x[x6 + kk]);
            a60 = w0.fma(v, a60);
            a61 = w1.fma(v, a61);
            v = FloatVector.broadcast(F, x[x7 + kk]);
            a70 = w0.fma(v, a70);
            a71 = w1.fma(v, a71);
        }
        if (add) {
            a00 = a00.add(FloatVector.fromArray(F, out, outOffset));
            a01 = a01.add(FloatVector.fromArray(F, out, outOffset + 16));
            a10 = a10.add(FloatVector.fromArray(F, out, outOffset + outStride));
            a11 = a11.add(FloatVector.fromArray(F, out, outOffset + outStride + 16));
            a20 = a20.add(FloatVector.fromArray(F, out, outOffset + 2 * outStride));
            a21 = a21.add(FloatVector.fromArray(F, out, outOffset + 2 * outStride + 16));
            a30 = a30.add(FloatVector.fromArray(F, out, outOffset + 3 * outStride));
            a31 = a31.add(FloatVector.fromArray(F, out, outOffset + 3 * outStride + 16));
            a40 = a40.add(FloatVector.fromArray(F, out, outOffset + 4 * outStride));
            a41 = a41.add(FloatVector.fromArray(F, out, outOffset + 4 * outStride + 16));
            a50 = a50.add(FloatVector.fromArray(F, out, outOffset + 5 * outStride));
            a51 = a51.add(FloatVector.fromArray(F, out, outOffset + 5 * outStride + 16));
            a60 = a60.add(FloatVector.fromArray(F, out, outOffset + 6 * outStride));
            a61 = a61.add(FloatVector.fromArray(F, out, outOffset + 6 * outStride + 16));
            a70 = a70.add(FloatVector.fromArray(F, out, outOffset + 7 * outStride));
            a71 = a71.add(FloatVector.fromArray(F, out, outOffset + 7 * outStride + 16));
        }
        a00.intoArray(out, outOffset);
        a01.intoArray(out, outOffset + 16);
        a10.intoArray(out, outOffset + outStride);
        a11.intoArray(out, outOffset + outStride + 16);
        a20.intoArray(out, outOffset + 2 * outStride);
        a21.intoArray(out, outOffset + 2 * outStride + 16);
        a30.intoArray(out, outOffset + 3 * outStride);
        a31.intoArray(out, outOffset + 3 * outStride + 16);
        a40.intoArray(out, outOffset + 4 * outStride);
        a41.intoArray(out, outOffset + 4 * outStride + 16);
        a50.intoArray(out, outOffset + 5 * outStride);
        a51.intoArray(out, outOffset + 5 * outStride + 16);
        a60.intoArray(out, outOffset + 6 * outStride);
        a61.intoArray(out, outOffset + 6 * outStride + 16);
        a70.intoArray(out, outOffset + 7 * outStride);
        a71.intoArray(out, outOffset + 7 * outStride + 16);
    }

    /** 4 activation rows x 32 weight rows. */
    private static void tile4(float[] w, int wOffset, int k, float[] x, int xOffset, int xStride, float[] out, int outOffset, int outStride, boolean add) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector a00 = zero, a01 = zero, a10 = zero, a11 = zero, a20 = zero, a21 = zero, a30 = zero, a31 = zero;
        int x0 = xOffset;
        int x1 = xOffset + xStride;
        int x2 = xOffset + 2 * xStride;
        int x3 = xOffset + 3 * xStride;
        for (int kk = 0, wp = wOffset; kk < k; kk++, wp += 32) {
            FloatVector w0 = FloatVector.fromArray(F, w, wp);
            FloatVector w1 = FloatVector.fromArray(F, w, wp + 16);
            FloatVector v;
            v = FloatVector.broadcast(F, x[x0 + kk]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            v = FloatVector.broadcast(F, x[x1 + kk]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            v = FloatVector.broadcast(F, x[x2 + kk]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            v = FloatVector.broadcast(F, x[x3 + kk]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
        }
        if (add) {
            a00 = a00.add(FloatVector.fromArray(F, out, outOffset));
            a01 = a01.add(FloatVector.fromArray(F, out, outOffset + 16));
            a10 = a10.add(FloatVector.fromArray(F, out, outOffset + outStride));
            a11 = a11.add(FloatVector.fromArray(F, out, outOffset + outStride + 16));
            a20 = a20.add(FloatVector.fromArray(F, out, outOffset + 2 * outStride));
            a21 = a21.add(FloatVector.fromArray(F, out, outOffset + 2 * outStride + 16));
            a30 = a30.add(FloatVector.fromArray(F, out, outOffset + 3 * outStride));
            a31 = a31.add(FloatVector.fromArray(F, out, outOffset + 3 * outStride + 16));
        }
        a00.intoArray(out, outOffset);
        a01.intoArray(out, outOffset + 16);
        a10.intoArray(out, outOffset + outStride);
        a11.intoArray(out, outOffset + outStride + 16);
        a20.intoArray(out, outOffset + 2 * outStride);
        a21.intoArray(out, outOffset + 2 * outStride + 16);
        a30.intoArray(out, outOffset + 3 * outStride);
        a31.intoArray(out, outOffset + 3 * outStride + 16);
    }

    /** 1 activation rows x 32 weight rows. */
    private static void tile1(float[] w, int wOffset, int k, float[] x, int xOffset, int xStride, float[] out, int outOffset, int outStride, boolean add) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector a00 = zero, a01 = zero;
        int x0 = xOffset;
        for (int kk = 0, wp = wOffset; kk < k; kk++, wp += 32) {
            FloatVector w0 = FloatVector.fromArray(F, w, wp);
            FloatVector w1 = FloatVector.fromArray(F, w, wp + 16);
            FloatVector v;
            v = FloatVector.broadcast(F, x[x0 + kk]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
        }
        if (add) {
            a00 = a00.add(FloatVector.fromArray(F, out, outOffset));
            a01 = a01.add(FloatVector.fromArray(F, out, outOffset + 16));
        }
        a00.intoArray(out, outOffset);
        a01.intoArray(out, outOffset + 16);
    }
}
