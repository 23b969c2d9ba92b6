package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Rotary position embedding with a cos/sin table precomputed for every position, rounded like ggml's CPU rope.
 * Angles follow rope_cache_init: {@code theta_i = pos · scale^i} built by repeated f32 multiplication with
 * {@code scale = powf(base, -2f/ropeDims)}, divided by an optional per-pair frequency factor, and their cosine and
 * sine are glibc's ({@link GlibcMath}). A pair {@code (x0, x1)} becomes {@code (x0·cos - x1·sin, x0·sin + x1·cos)}
 * with the {@code x0} products fused into the sum, as GCC compiles ggml's expression. Normal mode rotates adjacent
 * pairs {@code (2i, 2i+1)} (llama.cpp's LLAMA type); NeoX mode rotates {@code (i, i + ropeDims/2)} (qwen2, qwen3).
 * Dimensions from {@code ropeDims} to {@code headDim} pass through unchanged.
 */
public final class Rope {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Copies the first lane of each adjacent pair into both. */
    private static final VectorShuffle<Float> PAIR_FIRST = VectorShuffle.fromOp(F, i -> i & ~1);
    /** Copies the second lane of each adjacent pair into both. */
    private static final VectorShuffle<Float> PAIR_SECOND = VectorShuffle.fromOp(F, i -> i | 1);

    private final int headDim;
    private final int ropeDims;
    private final int maxPositions;
    private final boolean neox;
    /** Per position: NeoX, {@code cos[ropeDims/2]}; normal, {@code [c0,s0,c1,s1,..]}, the factors of each pair's first member. */
    private final float[] cos;
    /** Per position: NeoX, {@code sin[ropeDims/2]}; normal, {@code [-s0,c0,-s1,c1,..]}, the factors of each pair's second member. */
    private final float[] sin;

    public Rope(int headDim, int ropeDims, float freqBase, int maxPositions, boolean neox) {
        this(headDim, ropeDims, freqBase, maxPositions, neox, null);
    }

    /**
     * @param freqFactors per-pair divisors of the angle ({@code ropeDims/2} values, e.g. GGUF's {@code rope_freqs}
     *                    for Llama 3.1 long context), or null for none
     */
    public Rope(int headDim, int ropeDims, float freqBase, int maxPositions, boolean neox, float[] freqFactors) {
        if (ropeDims <= 0 || ropeDims % 2 != 0 || ropeDims > headDim) {
            throw new IllegalArgumentException("rope dimensions " + ropeDims + " must be even, positive and at most the head size " + headDim);
        }
        if (maxPositions <= 0) throw new IllegalArgumentException("rope table needs a positive position count, got " + maxPositions);
        if (!(freqBase > 0)) throw new IllegalArgumentException("rope frequency base must be positive, got " + freqBase);
        int half = ropeDims / 2;
        if (freqFactors != null && freqFactors.length != half) {
            throw new IllegalArgumentException("rope needs " + half + " frequency factors, got " + freqFactors.length);
        }
        long tableSize = (long) maxPositions * (neox ? half : ropeDims);
        if (tableSize > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("rope table for " + maxPositions + " positions is too large");
        this.headDim = headDim;
        this.ropeDims = ropeDims;
        this.maxPositions = maxPositions;
        this.neox = neox;
        this.cos = new float[(int) tableSize];
        this.sin = new float[(int) tableSize];
        // glibc's powf agrees with this correctly rounded power for the usual bases (1e4, 1e5, 5e5, 1e6)
        float thetaScale = (float) Math.pow(freqBase, -2f / ropeDims);
        for (int p = 0; p < maxPositions; p++) {
            float theta = p;
            for (int i = 0; i < half; i++) {
                float angle = freqFactors == null ? theta : theta / freqFactors[i];
                float c = GlibcMath.cos(angle);
                float s = GlibcMath.sin(angle);
                if (neox) {
                    cos[p * half + i] = c;
                    sin[p * half + i] = s;
                } else {
                    int at = p * ropeDims + 2 * i;
                    cos[at] = c;
                    cos[at + 1] = s;
                    sin[at] = -s;
                    sin[at + 1] = c;
                }
                theta *= thetaScale;
            }
        }
    }

    /** Rotates {@code heads} heads of {@code headDim} values, stored one after another from {@code off}, to {@code position}. */
    public void rotate(float[] x, int off, int heads, int headDim, int position) {
        if (headDim != this.headDim) throw new IllegalArgumentException("head size " + headDim + " differs from the table's " + this.headDim);
        Objects.checkIndex(position, maxPositions);
        Objects.checkFromIndexSize(off, heads * headDim, x.length);
        if (neox) {
            int half = ropeDims / 2;
            int t = position * half;
            for (int h = 0; h < heads; h++) {
                int a = off + h * headDim;
                int b = a + half;
                int i = 0;
                for (; i + L <= half; i += L) {
                    FloatVector x0 = FloatVector.fromArray(F, x, a + i);
                    FloatVector x1 = FloatVector.fromArray(F, x, b + i);
                    FloatVector c = FloatVector.fromArray(F, cos, t + i);
                    FloatVector s = FloatVector.fromArray(F, sin, t + i);
                    x0.fma(c, x1.mul(s).neg()).intoArray(x, a + i);
                    x0.fma(s, x1.mul(c)).intoArray(x, b + i);
                }
                for (; i < half; i++) {
                    float x0 = x[a + i];
                    float x1 = x[b + i];
                    x[a + i] = Math.fma(x0, cos[t + i], -(x1 * sin[t + i]));
                    x[b + i] = Math.fma(x0, sin[t + i], x1 * cos[t + i]);
                }
            }
        } else {
            int t = position * ropeDims;
            for (int h = 0; h < heads; h++) {
                int a = off + h * headDim;
                int i = 0;
                for (; i + L <= ropeDims; i += L) {
                    FloatVector v = FloatVector.fromArray(F, x, a + i);
                    FloatVector second = v.rearrange(PAIR_SECOND).mul(FloatVector.fromArray(F, sin, t + i));
                    v.rearrange(PAIR_FIRST).fma(FloatVector.fromArray(F, cos, t + i), second).intoArray(x, a + i);
                }
                for (; i < ropeDims; i += 2) {
                    float x0 = x[a + i];
                    float x1 = x[a + i + 1];
                    x[a + i] = Math.fma(x0, cos[t + i], x1 * sin[t + i]);
                    x[a + i + 1] = Math.fma(x0, cos[t + i + 1], x1 * sin[t + i + 1]);
                }
            }
        }
    }
}
