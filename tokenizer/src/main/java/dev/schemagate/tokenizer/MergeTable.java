package dev.schemagate.tokenizer;

import java.util.Arrays;

/**
 * BPE merge rules keyed by the pair of token ids they join: open addressing over primitive longs, because
 * the merge loop looks a pair up for every candidate and boxing would dominate its cost.
 */
final class MergeTable {
    static final long ABSENT = -1;

    private final long[] keys;
    /** rank << 32 | merged id. */
    private final long[] values;
    private final int mask;

    MergeTable(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, ABSENT);
        mask = capacity - 1;
    }

    /** Later rules for the same pair replace earlier ones, as when Hugging Face collects merges into a map. */
    void put(int left, int right, int rank, int merged) {
        long key = key(left, right);
        int slot = slot(key);
        while (keys[slot] != ABSENT && keys[slot] != key) slot = (slot + 1) & mask;
        keys[slot] = key;
        values[slot] = (long) rank << 32 | merged;
    }

    /** rank << 32 | merged id, or {@link #ABSENT}. */
    long find(int left, int right) {
        long key = key(left, right);
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            long k = keys[slot];
            if (k == key) return values[slot];
            if (k == ABSENT) return ABSENT;
        }
    }

    private static long key(int left, int right) {
        return (long) left << 32 | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
