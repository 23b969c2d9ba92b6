package dev.schemagate.kernels.ops;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** Applies a token bitmask to logits: disallowed tokens get -Infinity so no sampler can pick them. */
public final class LogitMask {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final FloatVector NEG_INF = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);

    private LogitMask() {
    }

    /**
     * Sets {@code logits[off + t]} to -Infinity for every token {@code t < vocab} whose bit {@code t % 64} of
     * {@code allowed[t / 64]} is clear; bits past {@code vocab} are ignored. All-ones words cost one compare.
     */
    public static void apply(long[] allowed, float[] logits, int off, int vocab) {
        int words = (vocab + 63) >>> 6;
        if (allowed.length < words) {
            throw new IllegalArgumentException("mask of " + allowed.length + " words cannot cover " + vocab + " tokens");
        }
        Objects.checkFromIndexSize(off, vocab, logits.length);
        int full = vocab >>> 6;
        for (int w = 0; w < full; w++) {
            long bits = allowed[w];
            if (bits == -1L) continue;
            int base = off + (w << 6);
            // a masked store writes -Infinity only into the lanes whose bit is clear
            for (int j = 0; j < 64; j += L) NEG_INF.intoArray(logits, base + j, VectorMask.fromLong(F, ~(bits >>> j)));
        }
        for (int t = full << 6; t < vocab; t++) {
            if ((allowed[t >>> 6] & (1L << t)) == 0) logits[off + t] = Float.NEGATIVE_INFINITY;
        }
    }
}
