package dev.schemagate.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The f32 core shared by the float and K-quant matrices: {@code out[i][r] = dot(w[r], x[i])} over register tiles
 * of 4 weight rows x 4 activation rows, so each weight vector loaded feeds four FMAs. Weight rows are a panel in
 * a per-thread float array (decoded or copied once for all activation rows; array loads in int loops lose their
 * bounds checks, which measured 1.7-2x faster than segment loads here); activation rows are a float array. Both
 * have {@code kp} floats per row, a multiple of {@link #STEP}, zero-padded. {@link #matvec} serves one
 * activation row straight from f32 weights in a segment.
 */
final class FloatGemm {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Row lengths are padded to a multiple of this. */
    static final int STEP = 32;
    /** Bytes of decoded weights per panel: L2-resident next to the activation tiles. */
    static final int PANEL_BYTES = 192 * 1024;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private FloatGemm() {
    }

    /** {@code cols} rounded up to the padded row length. */
    static int stride(int cols) {
        return (cols + STEP - 1) / STEP * STEP;
    }

    /** Weight rows per decoded panel for rows of {@code stride} floats: a multiple of 4, at least 4. */
    static int panelRows(int stride) {
        return Math.max(4, PANEL_BYTES / (stride * Float.BYTES) / 4 * 4);
    }

    /**
     * {@code out[outOffset + i*outStride + r] = dot(w row r, x row i)} for {@code r < rows}, {@code i < n}, with
     * rows {@code kp} floats apart in both arrays.
     */
    static void multiply(float[] w, int rows, int kp, float[] x, int n, float[] out, int outOffset, int outStride) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) tile4x4(w, r * kp, x, i * kp, kp, out, outOffset + i * outStride + r, outStride);
            for (; r < rows; r++) tile1x4(w, r * kp, x, i * kp, kp, out, outOffset + i * outStride + r, outStride);
        }
        for (; i < n; i++) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) tile4x1(w, r * kp, x, i * kp, kp, out, outOffset + i * outStride + r);
            for (; r < rows; r++) out[outOffset + i * outStride + r] = dot(w, r * kp, x, i * kp, kp);
        }
    }

    /**
     * {@code out[outOffset + r] = dot(row r, x)} for {@code r < rows}, where row {@code r} is {@code kp} f32 values
     * at byte {@code w0 + r*wStride} of {@code w}: one activation row, weights streamed once.
     */
    static void matvec(MemorySegment w, long w0, long wStride, int rows, int kp, float[] x, float[] out, int outOffset) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) matvec4(w, w0 + r * wStride, wStride, x, kp, out, outOffset + r);
        for (; r < rows; r++) out[outOffset + r] = matvec1(w, w0 + r * wStride, x, kp);
    }

    private static void matvec4(MemorySegment w, long a, long ws, float[] x, int kp, float[] out, int o) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        for (int k = 0; k < kp; k += L) {
            long b = a + (long) k * Float.BYTES;
            FloatVector x0 = FloatVector.fromArray(F, x, k);
            c0 = FloatVector.fromMemorySegment(F, w, b, LE).fma(x0, c0);
            c1 = FloatVector.fromMemorySegment(F, w, b + ws, LE).fma(x0, c1);
            c2 = FloatVector.fromMemorySegment(F, w, b + 2 * ws, LE).fma(x0, c2);
            c3 = FloatVector.fromMemorySegment(F, w, b + 3 * ws, LE).fma(x0, c3);
        }
        out[o] = c0.reduceLanes(VectorOperators.ADD);
        out[o + 1] = c1.reduceLanes(VectorOperators.ADD);
        out[o + 2] = c2.reduceLanes(VectorOperators.ADD);
        out[o + 3] = c3.reduceLanes(VectorOperators.ADD);
    }

    private static float matvec1(MemorySegment w, long a, float[] x, int kp) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0;
        for (int k = 0; k < kp; k += 2 * L) {
            long b = a + (long) k * Float.BYTES;
            c0 = FloatVector.fromMemorySegment(F, w, b, LE).fma(FloatVector.fromArray(F, x, k), c0);
            c1 = FloatVector.fromMemorySegment(F, w, b + (long) L * Float.BYTES, LE).fma(FloatVector.fromArray(F, x, k + L), c1);
        }
        return c0.add(c1).reduceLanes(VectorOperators.ADD);
    }

    private static void tile4x4(float[] w, int a, float[] x, int xo, int kp, float[] out, int o, int os) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int k = 0; k < kp; k += L) {
            FloatVector w0 = FloatVector.fromArray(F, w, a + k);
            FloatVector w1 = FloatVector.fromArray(F, w, a + kp + k);
            FloatVector w2 = FloatVector.fromArray(F, w, a + 2 * kp + k);
            FloatVector w3 = FloatVector.fromArray(F, w, a + 3 * kp + k);
            FloatVector x0 = FloatVector.fromArray(F, x, xo + k);
            FloatVector x1 = FloatVector.fromArray(F, x, xo + kp + k);
            FloatVector x2 = FloatVector.fromArray(F, x, xo + 2 * kp + k);
            FloatVector x3 = FloatVector.fromArray(F, x, xo + 3 * kp + k);
            c00 = w0.fma(x0, c00); c01 = w0.fma(x1, c01); c02 = w0.fma(x2, c02); c03 = w0.fma(x3, c03);
            c10 = w1.fma(x0, c10); c11 = w1.fma(x1, c11); c12 = w1.fma(x2, c12); c13 = w1.fma(x3, c13);
            c20 = w2.fma(x0, c20); c21 = w2.fma(x1, c21); c22 = w2.fma(x2, c22); c23 = w2.fma(x3, c23);
            c30 = w3.fma(x0, c30); c31 = w3.fma(x1, c31); c32 = w3.fma(x2, c32); c33 = w3.fma(x3, c33);
        }
        out[o] = c00.reduceLanes(VectorOperators.ADD);
        out[o + 1] = c10.reduceLanes(VectorOperators.ADD);
        out[o + 2] = c20.reduceLanes(VectorOperators.ADD);
        out[o + 3] = c30.reduceLanes(VectorOperators.ADD);
        out[o + os] = c01.reduceLanes(VectorOperators.ADD);
        out[o + os + 1] = c11.reduceLanes(VectorOperators.ADD);
        out[o + os + 2] = c21.reduceLanes(VectorOperators.ADD);
        out[o + os + 3] = c31.reduceLanes(VectorOperators.ADD);
        out[o + 2 * os] = c02.reduceLanes(VectorOperators.ADD);
        out[o + 2 * os + 1] = c12.reduceLanes(VectorOperators.ADD);
        out[o + 2 * os + 2] = c22.reduceLanes(VectorOperators.ADD);
        out[o + 2 * os + 3] = c32.reduceLanes(VectorOperators.ADD);
        out[o + 3 * os] = c03.reduceLanes(VectorOperators.ADD);
        out[o + 3 * os + 1] = c13.reduceLanes(VectorOperators.ADD);
        out[o + 3 * os + 2] = c23.reduceLanes(VectorOperators.ADD);
        out[o + 3 * os + 3] = c33.reduceLanes(VectorOperators.ADD);
    }

    private static void tile4x1(float[] w, int a, float[] x, int xo, int kp, float[] out, int o) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        for (int k = 0; k < kp; k += L) {
            FloatVector x0 = FloatVector.fromArray(F, x, xo + k);
            c0 = FloatVector.fromArray(F, w, a + k).fma(x0, c0);
            c1 = FloatVector.fromArray(F, w, a + kp + k).fma(x0, c1);
            c2 = FloatVector.fromArray(F, w, a + 2 * kp + k).fma(x0, c2);
            c3 = FloatVector.fromArray(F, w, a + 3 * kp + k).fma(x0, c3);
        }
        out[o] = c0.reduceLanes(VectorOperators.ADD);
        out[o + 1] = c1.reduceLanes(VectorOperators.ADD);
        out[o + 2] = c2.reduceLanes(VectorOperators.ADD);
        out[o + 3] = c3.reduceLanes(VectorOperators.ADD);
    }

    private static void tile1x4(float[] w, int a, float[] x, int xo, int kp, float[] out, int o, int os) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        for (int k = 0; k < kp; k += L) {
            FloatVector w0 = FloatVector.fromArray(F, w, a + k);
            c0 = w0.fma(FloatVector.fromArray(F, x, xo + k), c0);
            c1 = w0.fma(FloatVector.fromArray(F, x, xo + kp + k), c1);
            c2 = w0.fma(FloatVector.fromArray(F, x, xo + 2 * kp + k), c2);
            c3 = w0.fma(FloatVector.fromArray(F, x, xo + 3 * kp + k), c3);
        }
        out[o] = c0.reduceLanes(VectorOperators.ADD);
        out[o + os] = c1.reduceLanes(VectorOperators.ADD);
        out[o + 2 * os] = c2.reduceLanes(VectorOperators.ADD);
        out[o + 3 * os] = c3.reduceLanes(VectorOperators.ADD);
    }

    private static float dot(float[] w, int a, float[] x, int xo, int kp) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0;
        for (int k = 0; k < kp; k += 2 * L) {
            c0 = FloatVector.fromArray(F, w, a + k).fma(FloatVector.fromArray(F, x, xo + k), c0);
            c1 = FloatVector.fromArray(F, w, a + k + L).fma(FloatVector.fromArray(F, x, xo + k + L), c1);
        }
        return c0.add(c1).reduceLanes(VectorOperators.ADD);
    }
}
