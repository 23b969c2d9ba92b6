package dev.schemagate.decoder.model;

import java.util.Arrays;

/**
 * The rows of one forward pass: each row is a token at a position of some sequence (its KV cache). A prompt
 * chunk is several rows of one sequence; a batched decode step is one row of each of several sequences.
 * Reused from step to step, so filling it allocates nothing.
 */
public final class Batch {
    final int[] tokens;
    final int[] positions;
    final KvCache[] caches;
    final int[] logitRow;
    int size;
    int logitRows;

    public Batch(int capacity) {
        tokens = new int[capacity];
        positions = new int[capacity];
        caches = new KvCache[capacity];
        logitRow = new int[capacity];
    }

    public void clear() {
        Arrays.fill(caches, 0, size, null);
        size = 0;
        logitRows = 0;
    }

    /**
     * Adds a row; the token's keys and values are written at {@code position} of {@code cache}, and attention
     * sees positions 0..position of that cache.
     *
     * @return the row of the logits output this row's logits go to, or -1 when not wanted
     */
    public int add(int token, int position, KvCache cache, boolean wantLogits) {
        if (size == tokens.length) throw new IllegalStateException("batch is full (" + tokens.length + " rows)");
        if (position < 0 || position >= cache.capacity()) {
            throw new IllegalArgumentException("position " + position + " is outside the KV cache (capacity " + cache.capacity() + ")");
        }
        tokens[size] = token;
        positions[size] = position;
        caches[size] = cache;
        logitRow[size] = wantLogits ? logitRows++ : -1;
        size++;
        return logitRow[size - 1];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return tokens.length;
    }

    /** Number of rows whose logits were asked for. */
    public int logitRows() {
        return logitRows;
    }
}
