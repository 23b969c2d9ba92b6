package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both attention kernels in both x86 builds' orders bit for bit against {@link GgmlReference}, and close to exact softmax attention. */
class FlashAttentionTest {
    private static final int KV_HEADS = 3;

    private static float[] halves(Random random, int n, double sigma) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = Half.round((float) (random.nextGaussian() * sigma));
        return v;
    }

    private static void assertSameBits(float[] expected, float[] actual, int actualOff, String where) {
        for (int d = 0; d < expected.length; d++) {
            int index = d;
            assertEquals(Float.floatToRawIntBits(expected[d]), Float.floatToRawIntBits(actual[actualOff + d]),
                    () -> where + " dimension " + index + ": expected " + expected[index] + ", got " + actual[actualOff + index]);
        }
    }

    /** softmax(q·k · scale) · v in double. */
    private static double[] exact(float[] q, int qOff, float[] keys, float[] values, int kvOff, int kvStride, int positions, int headDim, float scale) {
        double[] s = new double[positions];
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < positions; p++) {
            for (int d = 0; d < headDim; d++) s[p] += (double) q[qOff + d] * keys[kvOff + p * kvStride + d];
            s[p] *= scale;
            max = Math.max(max, s[p]);
        }
        double sum = 0;
        double[] out = new double[headDim];
        for (int p = 0; p < positions; p++) {
            double w = Math.exp(s[p] - max);
            sum += w;
            for (int d = 0; d < headDim; d++) out[d] += w * values[kvOff + p * kvStride + d];
        }
        for (int d = 0; d < headDim; d++) out[d] /= sum;
        return out;
    }

    @ParameterizedTest
    @EnumSource(GgmlIsa.class)
    void dotSumsInGgmlOrder(GgmlIsa isa) {
        Random random = new Random(1);
        for (int n : new int[] {1, 15, 16, 31, 32, 40, 63, 64, 80, 128, 200}) {
            float[] a = halves(random, n + 3, 2);
            float[] b = halves(random, n + 1, 2);
            float expected = GgmlReference.dotF16(a, 3, b, 1, n, isa);
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(FlashAttention.dot(a, 3, b, 1, n, isa)), isa + " n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(GgmlIsa.class)
    void decodeKernelMatchesGgmlBitForBit(GgmlIsa isa) {
        Random random = new Random(2);
        for (int headDim : new int[] {64, 80, 96}) {
            int stride = KV_HEADS * headDim;
            FlashAttention attention = new FlashAttention(headDim, 200, isa);
            for (int positions : new int[] {1, 2, 15, 16, 17, 40, 100, 200}) {
                float[] keys = halves(random, positions * stride, 1.5);
                float[] values = halves(random, positions * stride, 1);
                float[] q = new float[headDim + 5];
                for (int i = 0; i < q.length; i++) q[i] = (float) random.nextGaussian();
                float scale = 1f / (float) Math.sqrt(headDim);
                for (int kvHead = 0; kvHead < KV_HEADS; kvHead++) {
                    float[] out = new float[headDim + 2];
                    attention.attend(q, 5, keys, values, kvHead * headDim, stride, positions, scale, out, 2);
                    String where = isa + " head size " + headDim + ", " + positions + " positions, kv head " + kvHead;
                    assertSameBits(GgmlReference.attendOneChunk(q, 5, keys, values, kvHead * headDim, stride, positions, headDim, scale, isa), out, 2, where);
                    double[] exact = exact(q, 5, keys, values, kvHead * headDim, stride, positions, headDim, scale);
                    // f16 query and f16 accumulation: a few f16 ulps per position early on, then about 1e-3 absolute
                    for (int d = 0; d < headDim; d++) assertEquals(exact[d], out[2 + d], 5e-3 + 5e-3 * Math.abs(exact[d]), where);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GgmlIsa.class)
    void tiledKernelMatchesGgmlBitForBit(GgmlIsa isa) {
        Random random = new Random(3);
        for (int headDim : new int[] {64, 80}) {
            int qStride = 9 * headDim;
            int stride = KV_HEADS * headDim;
            FlashAttention attention = new FlashAttention(headDim, 260, isa);
            for (int[] run : new int[][] {{64, 0}, {70, 30}, {1, 130}, {130, 0}, {65, 191}}) {
                int rows = run[0];
                int first = run[1];
                int positions = first + rows;
                float[] keys = halves(random, positions * stride, 1.5);
                float[] values = halves(random, positions * stride, 1);
                float[] q = new float[rows * qStride];
                for (int i = 0; i < q.length; i++) q[i] = (float) random.nextGaussian();
                float scale = 1f / (float) Math.sqrt(headDim);
                int head = 4;
                int kvHead = 1;
                float[] out = new float[rows * 9 * headDim];
                attention.attendTiled(q, head * headDim, qStride, rows, first, keys, values, kvHead * headDim, stride, scale,
                        out, head * headDim, 9 * headDim);
                for (int r = 0; r < rows; r++) {
                    int qOff = r * qStride + head * headDim;
                    int outOff = r * 9 * headDim + head * headDim;
                    String where = isa + " head size " + headDim + ", row " + r + " of " + rows + " from position " + first;
                    assertSameBits(GgmlReference.attendTiled(q, qOff, keys, values, kvHead * headDim, stride, first + r, headDim, scale, isa), out, outOff, where);
                    double[] exact = exact(q, qOff, keys, values, kvHead * headDim, stride, first + r + 1, headDim, scale);
                    for (int d = 0; d < headDim; d++) assertEquals(exact[d], out[outOff + d], 1e-5 + 1e-5 * Math.abs(exact[d]), where);
                }
            }
        }
    }

    @Test
    void refusesBadArguments() {
        FlashAttention attention = new FlashAttention(64, 8);
        float[] q = new float[64];
        float[] kv = new float[64 * 8];
        float[] out = new float[64];
        assertThrows(IllegalArgumentException.class, () -> attention.attend(q, 0, kv, kv, 0, 64, 9, 1f, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> attention.attend(q, 1, kv, kv, 0, 64, 8, 1f, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> attention.attend(q, 0, kv, kv, 1, 64, 8, 1f, out, 0));
        assertThrows(IllegalArgumentException.class, () -> attention.attendTiled(q, 0, 64, 0, 0, kv, kv, 0, 64, 1f, out, 0, 64));
        assertThrows(IndexOutOfBoundsException.class, () -> attention.attendTiled(q, 0, 64, 2, 0, kv, kv, 0, 64, 1f, out, 0, 64));
        assertThrows(IllegalArgumentException.class, () -> new FlashAttention(0, 8));
    }
}
