package dev.schemagate.grammar.frontend;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The position (Glushkov) automaton of a regular expression over code points: state 0 is the start, state
 * p > 0 is "just matched position p", whose code point set is {@code sets[p]}. Bounded repetitions are
 * unrolled, so the automaton is built only under a size budget. Lexeme inference asks two questions of
 * pairs of these: do two languages share a word, and can a word of one be followed by a character that
 * keeps a word of the other alive.
 */
final class CharNfa {
    private final CodePointSet[] sets;
    private final long[][] leadBytes;
    private final int[][] next;
    private final boolean[] accepting;
    private final boolean[] live;

    private CharNfa(CodePointSet[] sets, int[][] next, boolean[] accepting) {
        this.sets = sets;
        this.next = next;
        this.accepting = accepting;
        this.leadBytes = new long[sets.length][];
        for (int p = 1; p < sets.length; p++) leadBytes[p] = LeadBytes.of(sets[p]);
        this.live = liveStates();
    }

    /** The automaton of {@code regex} (Literal, CharClass, Seq, Alt, Repeat, Empty, Nothing), or null when it has more than {@code maxPositions} positions or other nodes. */
    static CharNfa of(Expr regex, int maxPositions) {
        Builder b = new Builder(maxPositions);
        Fragment f;
        try {
            f = b.build(regex);
        } catch (TooLarge e) {
            return null;
        }
        int n = b.sets.size();
        int[][] next = new int[n][];
        next[0] = f.first.stream().toArray();
        for (int p = 1; p < n; p++) next[p] = b.follow.get(p).stream().toArray();
        boolean[] accepting = new boolean[n];
        f.last.stream().forEach(p -> accepting[p] = true);
        accepting[0] = f.nullable;
        return new CharNfa(b.sets.toArray(CodePointSet[]::new), next, accepting);
    }

    /** True when some non-empty word belongs to both languages. */
    static boolean overlap(CharNfa x, CharNfa y, int maxPairs) {
        return search(x, y, null, maxPairs);
    }

    /**
     * True when a non-empty word w of {@code x} and a character whose UTF-8 lead byte is in {@code follow}
     * together form a viable prefix of {@code y} (a prefix of one of its words). Also true when the search
     * runs over {@code maxPairs} state pairs, which errs on the safe side.
     */
    static boolean extendsInto(CharNfa x, long[] follow, CharNfa y, int maxPairs) {
        return search(x, y, follow, maxPairs);
    }

    private static boolean search(CharNfa x, CharNfa y, long[] follow, int maxPairs) {
        // A pair (px, py) is px * ySize + py; the visited set is a bit set over all pairs.
        int ySize = y.next.length;
        long pairs = (long) x.next.length * ySize;
        if (pairs > Integer.MAX_VALUE) return true;
        BitSet seen = new BitSet((int) pairs);
        int[] work = new int[64];
        int head = 0, tail = 0, visited = 1;
        seen.set(0);
        work[tail++] = 0;
        while (head < tail) {
            int pair = work[head++];
            int px = pair / ySize, py = pair % ySize;
            if (px != 0) {
                if (follow == null ? x.accepting[px] && y.accepting[py] : x.accepting[px] && y.continuesWith(py, follow)) {
                    return true;
                }
            }
            for (int tx : x.next[px]) {
                if (!x.live[tx]) continue;
                for (int ty : y.next[py]) {
                    if (!y.live[ty] || !intersects(x.sets[tx], y.sets[ty])) continue;
                    int key = tx * ySize + ty;
                    if (!seen.get(key)) {
                        seen.set(key);
                        if (++visited > maxPairs) return true;
                        if (tail == work.length) work = Arrays.copyOf(work, tail * 2);
                        work[tail++] = key;
                    }
                }
            }
        }
        return false;
    }

    private boolean continuesWith(int state, long[] leads) {
        for (int t : next[state]) {
            if (live[t] && LeadBytes.intersects(leadBytes[t], leads)) return true;
        }
        return false;
    }

    /** True when some word is longer than one code point. */
    boolean longerThanOneCodePoint() {
        for (int p = 1; p < next.length; p++) {
            if (!live[p]) continue;
            for (int t : next[p]) if (live[t]) return true;
        }
        return false;
    }

    private boolean[] liveStates() {
        int n = next.length;
        List<List<Integer>> back = new ArrayList<>();
        for (int i = 0; i < n; i++) back.add(new ArrayList<>());
        for (int p = 0; p < n; p++) for (int t : next[p]) back.get(t).add(p);
        boolean[] out = new boolean[n];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int p = 0; p < n; p++) {
            if (accepting[p]) {
                out[p] = true;
                work.add(p);
            }
        }
        while (!work.isEmpty()) {
            for (int p : back.get(work.poll())) {
                if (!out[p]) {
                    out[p] = true;
                    work.add(p);
                }
            }
        }
        return out;
    }

    static boolean intersects(CodePointSet a, CodePointSet b) {
        int i = 0, j = 0;
        while (i < a.rangeCount() && j < b.rangeCount()) {
            if (a.hi(i) < b.lo(j)) i++;
            else if (b.hi(j) < a.lo(i)) j++;
            else return true;
        }
        return false;
    }

    private record Fragment(BitSet first, BitSet last, boolean nullable) {}

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private static final class Builder {
        final int maxPositions;
        long visits;
        final List<CodePointSet> sets = new ArrayList<>();
        final List<BitSet> follow = new ArrayList<>();

        Builder(int maxPositions) {
            this.maxPositions = maxPositions;
            sets.add(null);
            follow.add(new BitSet());
        }

        Fragment build(Expr e) {
            // Unrolling visits nodes even where they add no positions (x{0,1000} of an empty x): bound that too.
            if (++visits > 50L * maxPositions) throw new TooLarge();
            return switch (e) {
                case Expr.Empty x -> new Fragment(new BitSet(), new BitSet(), true);
                case Expr.Nothing x -> new Fragment(new BitSet(), new BitSet(), false);
                case Expr.CharClass c -> position(c.set());
                case Expr.Literal l -> {
                    Fragment f = new Fragment(new BitSet(), new BitSet(), true);
                    for (int cp : l.text().codePoints().toArray()) f = seq(f, position(CodePointSet.of(cp)));
                    yield f;
                }
                case Expr.Seq s -> {
                    Fragment f = new Fragment(new BitSet(), new BitSet(), true);
                    for (Expr item : s.items()) f = seq(f, build(item));
                    yield f;
                }
                case Expr.Alt a -> {
                    BitSet first = new BitSet(), last = new BitSet();
                    boolean nullable = false;
                    for (Expr o : a.options()) {
                        Fragment f = build(o);
                        first.or(f.first);
                        last.or(f.last);
                        nullable |= f.nullable;
                    }
                    yield new Fragment(first, last, nullable);
                }
                case Expr.Repeat r -> repeat(r);
                default -> throw new TooLarge();
            };
        }

        private Fragment repeat(Expr.Repeat r) {
            Fragment f = new Fragment(new BitSet(), new BitSet(), true);
            for (int i = 0; i < r.min(); i++) f = seq(f, build(r.body()));
            if (r.max() == Expr.UNBOUNDED) {
                Fragment loop = build(r.body());
                loop.last.stream().forEach(p -> follow.get(p).or(loop.first));
                return seq(f, new Fragment(loop.first, loop.last, true));
            }
            // x{0,k} as (x(x(...)?)?)?: each copy leads to the next or out, which keeps the automaton small.
            Fragment tail = new Fragment(new BitSet(), new BitSet(), true);
            for (int i = r.min(); i < r.max(); i++) {
                Fragment once = seq(build(r.body()), tail);
                tail = new Fragment(once.first, once.last, true);
            }
            return seq(f, tail);
        }

        private Fragment position(CodePointSet set) {
            if (set.isEmpty()) return new Fragment(new BitSet(), new BitSet(), false);
            if (sets.size() > maxPositions) throw new TooLarge();
            int p = sets.size();
            sets.add(set);
            follow.add(new BitSet());
            BitSet only = new BitSet();
            only.set(p);
            return new Fragment(only, (BitSet) only.clone(), false);
        }

        private Fragment seq(Fragment a, Fragment b) {
            a.last.stream().forEach(p -> follow.get(p).or(b.first));
            BitSet first = (BitSet) a.first.clone();
            if (a.nullable) first.or(b.first);
            BitSet last = (BitSet) b.last.clone();
            if (b.nullable) last.or(a.last);
            return new Fragment(first, last, a.nullable && b.nullable);
        }
    }

    /** 256-bit sets of UTF-8 lead bytes. */
    static final class LeadBytes {
        private LeadBytes() {}

        static final long[] NONE = new long[4];

        static long[] of(CodePointSet set) {
            long[] out = new long[4];
            for (int i = 0; i < set.rangeCount(); i++) {
                addRange(out, set.lo(i), set.hi(i));
            }
            return out;
        }

        private static void addRange(long[] out, int lo, int hi) {
            int[] bounds = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF};
            for (int k = 0; k < bounds.length; k += 2) {
                int a = Math.max(lo, bounds[k]), b = Math.min(hi, bounds[k + 1]);
                if (a > b) continue;
                for (int lead = lead(a); lead <= lead(b); lead++) out[lead >>> 6] |= 1L << lead;
            }
        }

        private static int lead(int cp) {
            if (cp < 0x80) return cp;
            if (cp < 0x800) return 0xC0 | (cp >>> 6);
            if (cp < 0x10000) return 0xE0 | (cp >>> 12);
            return 0xF0 | (cp >>> 18);
        }

        static void addAll(long[] into, long[] from) {
            for (int i = 0; i < 4; i++) into[i] |= from[i];
        }

        static boolean intersects(long[] a, long[] b) {
            for (int i = 0; i < 4; i++) if ((a[i] & b[i]) != 0) return true;
            return false;
        }

        static boolean isEmpty(long[] a) {
            return Arrays.equals(a, NONE);
        }
    }
}
