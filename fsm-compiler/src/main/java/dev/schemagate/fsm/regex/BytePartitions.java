package dev.schemagate.fsm.regex;

import dev.schemagate.fsm.IntArrayInterner;

/**
 * Interned partitions of the 256 byte values. A partition is the class label of each byte, labels numbered
 * in order of first appearance, so equal partitions get equal ids; refinements are memoised by pair.
 */
final class BytePartitions {
    /** The partition with a single class. */
    static final int SINGLE = 0;

    private final IntArrayInterner partitions = new IntArrayInterner();
    private final LongIntMap refined = new LongIntMap();
    private final int[] labels = new int[256];
    private final int[] pairLabel = new int[256 * 256]; // scratch of refine: label + 1 by (class in p, class in q)

    BytePartitions() {
        partitions.intern(labels, 256);
    }

    /** The partition {set, the other bytes}. */
    int of(long[] set) {
        boolean firstIn = ByteSet.contains(set, 0);
        for (int b = 0; b < 256; b++) labels[b] = ByteSet.contains(set, b) == firstIn ? 0 : 1;
        return partitions.intern(labels, 256);
    }

    /** The coarsest partition finer than both: bytes share a class iff they share one in p and in q. */
    int refine(int p, int q) {
        if (p == q || q == SINGLE) return p;
        if (p == SINGLE) return q;
        long key = p < q ? ((long) p << 32) | q : ((long) q << 32) | p;
        int r = refined.get(key);
        if (r >= 0) return r;
        int[] a = partitions.get(p), c = partitions.get(q);
        int count = 0;
        for (int b = 0; b < 256; b++) {
            int k = (a[b] << 8) | c[b];
            if (pairLabel[k] == 0) pairLabel[k] = ++count;
            labels[b] = pairLabel[k] - 1;
        }
        for (int b = 0; b < 256; b++) pairLabel[(a[b] << 8) | c[b]] = 0;
        r = partitions.intern(labels, 256);
        refined.put(key, r);
        return r;
    }

    /** The class label of each byte. Do not modify. */
    int[] labels(int partition) {
        return partitions.get(partition);
    }
}
