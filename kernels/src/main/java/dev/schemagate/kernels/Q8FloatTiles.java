package dev.schemagate.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * f32 multiply of one dequantized 32-row weight panel ({@code w[wOffset + k*32 + lane]}) by activation rows
 * ({@code x[xOffset + i*xStride + k]}), register-tiled 16 rows x 4 activation rows (8 of AVX2's 16 ymm registers
 * accumulate, the rest hold weights and the broadcast), then 1 for the rest; the panel's two 16-row halves take
 * turns. Every output is one chain of FMAs over k whatever the tiling. Each tile is its own method so C2 inlines
 * every vector operation inside it.
 */
final class Q8FloatTiles {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    private Q8FloatTiles() {
    }

    /** {@code out[outOffset + i*outStride + lane] (+)= sum_k w[k][lane] * x[i][k]} for {@code i < n}; adds to out when {@code add}. */
    static void multiply(float[] w, int wOffset, int k, float[] x, int xOffset, int xStride, int n, float[] out, int outOffset, int outStride, boolean add) {
        for (int h = 0; h < 32; h += 16) {
            int i = 0;
            for (; i + 4 <= n; i += 4) tile4(w, wOffset + h, k, x, xOffset + i * xStride, xStride, out, outOffset + i * outStride + h, outStride, add);
            for (; i < n; i++) tile1(w, wOffset + h, k, x, xOffset + i * xStride, out, outOffset + i * outStride + h, add);
        }
    }

    /** 4 activation rows x 16 weight rows. */
    private static void tile4(float[] w, int wOffset, int k, float[] x, int xOffset, int xStride, float[] out, int outOffset, int outStride, boolean add) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector a00 = zero, a01 = zero, a10 = zero, a11 = zero, a20 = zero, a21 = zero, a30 = zero, a31 = zero;
        int x0 = xOffset;
        int x1 = xOffset + xStride;
        int x2 = xOffset + 2 * xStride;
        int x3 = xOffset + 3 * xStride;
        for (int kk = 0, wp = wOffset; kk < k; kk++, wp += 32) {
            FloatVector w0 = FloatVector.fromArray(F, w, wp);
            FloatVector w1 = FloatVector.fromArray(F, w, wp + 8);
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
            a01 = a01.add(FloatVector.fromArray(F, out, outOffset + 8));
            a10 = a10.add(FloatVector.fromArray(F, out, outOffset + outStride));
            a11 = a11.add(FloatVector.fromArray(F, out, outOffset + outStride + 8));
            a20 = a20.add(FloatVector.fromArray(F, out, outOffset + 2 * outStride));
            a21 = a21.add(FloatVector.fromArray(F, out, outOffset + 2 * outStride + 8));
            a30 = a30.add(FloatVector.fromArray(F, out, outOffset + 3 * outStride));
            a31 = a31.add(FloatVector.fromArray(F, out, outOffset + 3 * outStride + 8));
        }
        a00.intoArray(out, outOffset);
        a01.intoArray(out, outOffset + 8);
        a10.intoArray(out, outOffset + outStride);
        a11.intoArray(out, outOffset + outStride + 8);
        a20.intoArray(out, outOffset + 2 * outStride);
        a21.intoArray(out, outOffset + 2 * outStride + 8);
        a30.intoArray(out, outOffset + 3 * outStride);
        a31.intoArray(out, outOffset + 3 * outStride + 8);
    }

    /** 1 activation row x 16 weight rows. */
    private static void tile1(float[] w, int wOffset, int k, float[] x, int xOffset, float[] out, int outOffset, boolean add) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        for (int kk = 0, wp = wOffset; kk < k; kk++, wp += 32) {
            FloatVector v = FloatVector.broadcast(F, x[xOffset + kk]);
            a0 = FloatVector.fromArray(F, w, wp).fma(v, a0);
            a1 = FloatVector.fromArray(F, w, wp + 8).fma(v, a1);
        }
        if (add) {
            a0 = a0.add(FloatVector.fromArray(F, out, outOffset));
            a1 = a1.add(FloatVector.fromArray(F, out, outOffset + 8));
        }
        a0.intoArray(out, outOffset);
        a1.intoArray(out, outOffset + 8);
    }
}
