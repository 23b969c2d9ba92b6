package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Rotary position embedding with a cos/sin table precomputed for every position. Angles follow ggml's
 * rope_cache_init: {@code theta_i = pos · scale^i} built by repeated f32 multiplication with
 * {@code scale = base^(-2/ropeDims)} (so equal to {@code pos · base^(-2i/ropeDims)} up to f32 rounding, and
 * matching llama.cpp's rounding), divided by an optional per-pair frequency factor. Normal mode rotates adjacent
 * pairs {@code (2i, 2i+1)} (llama.cpp's LLAMA type); NeoX mode rotates {@code (i, i + ropeDims/2)} (qwen2, qwen3).
 * Dimensions from {@code ropeDims} to {@code headDim} pass through unchanged.
 */
public final class Rope {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Swaps the lanes of each adjacent pair. */
    private static final VectorShuffle<Float> PAIR_SWAP = VectorShuffle.fromOp(F, i -> i ^ 1);

    private final int headDim;
    private final int ropeDims;
    private final int maxPositions;
    private final boolean neox;
    /** Per position: NeoX, {@code cos[ropeDims/2]}; normal, each cosine twice ({@code [c0,c0,c1,c1,..]}). */
    private final float[] cos;
    /** Per position: NeoX, {@code sin[ropeDims/2]}; normal, {@code [-s0,s0,-s1,s1,..]}, so one FMA with swapped pairs rotates. */
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
        float thetaScale = (float) Math.pow(freqBase, -2.0 / ropeDims);
        for (int p = 0; p < maxPositions; p++) {
            float theta = p;
            for (int i = 0; i < half; i++) {
                float angle = freqFactors == null ? theta : theta / freqFactors[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                if (neox) {
                    cos[p * half + i] = c;
                    sin[p * half + i] = s;
                } else {
                    int at = p * ropeDims + 2 * i;
                    cos[at] = c;
                    cos[at + 1] = c;
                    sin[at] = -s;
                    sin[at + 1] = s;
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
                    x0.mul(c).sub(x1.mul(s)).intoArray(x, a + i);
                    x0.mul(s).add(x1.mul(c)).intoArray(x, b + i);
                }
                for (; i < half; i++) {
                    float x0 = x[a + i];
                    float x1 = x[b + i];
                    x[a + i] = x0 * cos[t + i] - x1 * sin[t + i];
                    x[b + i] = x0 * sin[t + i] + x1 * cos[t + i];
                }
            }
        } else {
            int t = position * ropeDims;
            for (int h = 0; h < heads; h++) {
                int a = off + h * headDim;
                int i = 0;
                for (; i + L <= ropeDims; i += L) {
                    FloatVector v = FloatVector.fromArray(F, x, a + i);
                    FloatVector swapped = v.rearrange(PAIR_SWAP);
                    v.mul(FloatVector.fromArray(F, cos, t + i)).add(swapped.mul(FloatVector.fromArray(F, sin, t + i))).intoArray(x, a + i);
                }
                for (; i < ropeDims; i += 2) {
                    float x0 = x[a + i];
                    float x1 = x[a + i + 1];
                    x[a + i] = x0 * cos[t + i] + x1 * sin[t + i];
                    x[a + i + 1] = x1 * cos[t + i + 1] + x0 * sin[t + i + 1];
                }
            }
        }
    }
}
