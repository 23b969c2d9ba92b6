package dev.schemagate.fsm.regex;

/** A set of bytes 0..255 as four 64-bit words; static helpers over {@code long[4]}. */
final class ByteSet {
    private ByteSet() {}

    static long[] of(int b) {
        long[] s = new long[4];
        s[b >>> 6] |= 1L << (b & 63);
        return s;
    }

    static long[] range(int lo, int hi) {
        long[] s = new long[4];
        for (int b = lo; b <= hi; b++) s[b >>> 6] |= 1L << (b & 63);
        return s;
    }

    static boolean contains(long[] s, int b) {
        return (s[b >>> 6] & (1L << (b & 63))) != 0;
    }

    static boolean isEmpty(long[] s) {
        return (s[0] | s[1] | s[2] | s[3]) == 0;
    }

    static long[] union(long[] a, long[] b) {
        return new long[] {a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]};
    }

    static long[] intersect(long[] a, long[] b) {
        return new long[] {a[0] & b[0], a[1] & b[1], a[2] & b[2], a[3] & b[3]};
    }

    static long[] all() {
        return new long[] {-1L, -1L, -1L, -1L};
    }
}
