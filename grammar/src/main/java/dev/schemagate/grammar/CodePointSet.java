package dev.schemagate.grammar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of Unicode code points (0..0x10FFFF) kept as sorted, disjoint, non-adjacent inclusive
 * ranges. Character classes of every front end (regex, GBNF, JSON string content) are built from these.
 */
public final class CodePointSet {
    public static final int MAX = 0x10FFFF;
    public static final CodePointSet NONE = new CodePointSet(new int[0]);
    public static final CodePointSet ALL = new CodePointSet(new int[] {0, MAX});

    /** Pairs lo0, hi0, lo1, hi1, ... sorted, disjoint and non-adjacent. */
    private final int[] ranges;

    private CodePointSet(int[] ranges) {
        this.ranges = ranges;
    }

    public static CodePointSet of(int codePoint) {
        return range(codePoint, codePoint);
    }

    public static CodePointSet range(int lo, int hi) {
        if (lo < 0 || hi > MAX || lo > hi) throw new IllegalArgumentException("bad range " + lo + ".." + hi);
        return new CodePointSet(new int[] {lo, hi});
    }

    /** Builds a set from arbitrary (possibly overlapping, unsorted) inclusive pairs. */
    public static CodePointSet ofRanges(int... pairs) {
        if (pairs.length % 2 != 0) throw new IllegalArgumentException("odd number of range bounds");
        int n = pairs.length / 2;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            int lo = pairs[2 * i], hi = pairs[2 * i + 1];
            if (lo < 0 || hi > MAX || lo > hi) throw new IllegalArgumentException("bad range " + lo + ".." + hi);
            packed[i] = ((long) lo << 32) | hi;
        }
        Arrays.sort(packed);
        int[] out = new int[pairs.length];
        int k = 0;
        for (long p : packed) {
            int lo = (int) (p >>> 32), hi = (int) p;
            if (k > 0 && lo <= out[k - 1] + 1) {
                out[k - 1] = Math.max(out[k - 1], hi);
            } else {
                out[k++] = lo;
                out[k++] = hi;
            }
        }
        return new CodePointSet(Arrays.copyOf(out, k));
    }

    /** The characters of a string, e.g. {@code chars(" \t\n\r")}. */
    public static CodePointSet chars(String s) {
        int[] cps = s.codePoints().toArray();
        int[] pairs = new int[cps.length * 2];
        for (int i = 0; i < cps.length; i++) {
            pairs[2 * i] = cps[i];
            pairs[2 * i + 1] = cps[i];
        }
        return ofRanges(pairs);
    }

    public CodePointSet union(CodePointSet o) {
        int[] pairs = Arrays.copyOf(ranges, ranges.length + o.ranges.length);
        System.arraycopy(o.ranges, 0, pairs, ranges.length, o.ranges.length);
        return ofRanges(pairs);
    }

    public CodePointSet complement() {
        List<Integer> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] > next) {
                out.add(next);
                out.add(ranges[i] - 1);
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= MAX) {
            out.add(next);
            out.add(MAX);
        }
        return new CodePointSet(out.stream().mapToInt(Integer::intValue).toArray());
    }

    public CodePointSet intersect(CodePointSet o) {
        return complement().union(o.complement()).complement();
    }

    public CodePointSet minus(CodePointSet o) {
        return intersect(o.complement());
    }

    public boolean contains(int cp) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (cp < ranges[i]) return false;
            if (cp <= ranges[i + 1]) return true;
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }

    public int rangeCount() {
        return ranges.length / 2;
    }

    public int lo(int range) {
        return ranges[2 * range];
    }

    public int hi(int range) {
        return ranges[2 * range + 1];
    }

    /** Number of code points in the set. */
    public long size() {
        long n = 0;
        for (int i = 0; i < ranges.length; i += 2) n += ranges[i + 1] - ranges[i] + 1L;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodePointSet c && Arrays.equals(ranges, c.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ranges.length; i += 2) {
            appendCp(sb, ranges[i]);
            if (ranges[i + 1] != ranges[i]) {
                sb.append('-');
                appendCp(sb, ranges[i + 1]);
            }
        }
        return sb.append(']').toString();
    }

    private static void appendCp(StringBuilder sb, int cp) {
        if (cp > 0x20 && cp < 0x7F && cp != '-' && cp != ']' && cp != '\\') sb.appendCodePoint(cp);
        else sb.append(String.format("\\u{%X}", cp));
    }
}
