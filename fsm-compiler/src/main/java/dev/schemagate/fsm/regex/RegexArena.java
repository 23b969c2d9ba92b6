package dev.schemagate.fsm.regex;

import dev.schemagate.grammar.GrammarException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash-consed regular expressions over bytes with Brzozowski derivatives: the lexer's DFA states are
 * derivatives of lexeme expressions, built lazily, one byte at a time.
 *
 * <p>Invariants: equal expressions (modulo the normalisations of the smart constructors: associativity of
 * concatenation, flattening, sorting and deduplication of unions and intersections, merging of byte sets in
 * unions) get equal ids, so the number of derivatives of an expression is finite. Without {@code And}/
 * {@code Not} an expression denotes the empty language iff it is {@link #EMPTY}; with them, {@link #isLive}
 * explores the derivatives to decide it.
 */
public final class RegexArena {
    public static final int EMPTY = 0;
    public static final int EPSILON = 1;

    private static final byte K_EMPTY = 0, K_EPS = 1, K_BYTES = 2, K_CONCAT = 3, K_OR = 4, K_AND = 5, K_NOT = 6,
            K_REPEAT = 7;
    private static final int UNBOUNDED = -1;
    private static final byte LIVE_UNKNOWN = 0, LIVE_YES = 1, LIVE_NO = 2;

    private byte[] kind = new byte[1024];
    private int[] argA = new int[1024];
    private int[] argB = new int[1024];
    private int[] argMin = new int[1024];
    private int[] argMax = new int[1024];
    private boolean[] nullable = new boolean[1024];
    private boolean[] boolOps = new boolean[1024];
    private byte[] live = new byte[1024];
    private final List<int[]> lists = new ArrayList<>();
    private final List<long[]> byteSets = new ArrayList<>();
    private int size;

    private final Map<NodeKey, Integer> interned = new HashMap<>();
    private final Map<Long, Integer> derivatives = new HashMap<>();
    private final Map<Integer, long[]> firstBytes = new HashMap<>();

    private record NodeKey(byte kind, int a, int b, int min, int max, List<Integer> list, List<Long> bytes) {}

    public RegexArena() {
        add(new NodeKey(K_EMPTY, 0, 0, 0, 0, null, null));
        add(new NodeKey(K_EPS, 0, 0, 0, 0, null, null));
    }

    public int size() {
        return size;
    }

    public boolean isNullable(int id) {
        return nullable[id];
    }

    // ---- smart constructors -------------------------------------------------------------------------

    public int bytes(long[] set) {
        if (ByteSet.isEmpty(set)) return EMPTY;
        return add(new NodeKey(K_BYTES, 0, 0, 0, 0, null, List.of(set[0], set[1], set[2], set[3])));
    }

    public int byteValue(int b) {
        return bytes(ByteSet.of(b));
    }

    public int byteRange(int lo, int hi) {
        return bytes(ByteSet.range(lo, hi));
    }

    public int concat(int a, int b) {
        if (a == EMPTY || b == EMPTY) return EMPTY;
        if (a == EPSILON) return b;
        if (b == EPSILON) return a;
        if (kind[a] == K_CONCAT) return concat(argA[a], concat(argB[a], b));
        return add(new NodeKey(K_CONCAT, a, b, 0, 0, null, null));
    }

    public int concat(int... parts) {
        int r = EPSILON;
        for (int i = parts.length - 1; i >= 0; i--) r = concat(parts[i], r);
        return r;
    }

    public int or(int... parts) {
        List<Integer> flat = new ArrayList<>();
        long[] merged = null;
        for (int p : parts) {
            if (kind[p] == K_OR) {
                for (int q : lists.get(argA[p])) merged = collectOr(q, flat, merged);
            } else {
                merged = collectOr(p, flat, merged);
            }
        }
        if (merged != null) flat.add(bytes(merged));
        int[] sorted = flat.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        for (int p : sorted) {
            if (kind[p] == K_NOT && argA[p] == EMPTY) return p; // anything | x == anything
        }
        if (sorted.length == 0) return EMPTY;
        if (sorted.length == 1) return sorted[0];
        return addList(K_OR, sorted);
    }

    private long[] collectOr(int p, List<Integer> flat, long[] merged) {
        if (p == EMPTY) return merged;
        if (kind[p] == K_BYTES) return merged == null ? byteSets.get(argA[p]).clone() : ByteSet.union(merged, byteSets.get(argA[p]));
        flat.add(p);
        return merged;
    }

    public int and(int... parts) {
        List<Integer> flat = new ArrayList<>();
        for (int p : parts) {
            if (p == EMPTY) return EMPTY;
            if (kind[p] == K_AND) {
                for (int q : lists.get(argA[p])) flat.add(q);
            } else if (!(kind[p] == K_NOT && argA[p] == EMPTY)) {
                flat.add(p);
            }
        }
        int[] sorted = flat.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        if (sorted.length == 0) return not(EMPTY);
        if (sorted.length == 1) return sorted[0];
        return addList(K_AND, sorted);
    }

    public int not(int a) {
        if (kind[a] == K_NOT) return argA[a];
        return add(new NodeKey(K_NOT, a, 0, 0, 0, null, null));
    }

    /** {@code a{min,max}}, max may be -1 for unbounded. */
    public int repeat(int a, int min, int max) {
        if (max != UNBOUNDED && max < min) return EMPTY;
        if (a == EMPTY) return min == 0 ? EPSILON : EMPTY;
        if (a == EPSILON || max == 0) return EPSILON;
        if (nullable[a]) min = 0;
        if (min == 1 && max == 1) return a;
        return add(new NodeKey(K_REPEAT, a, 0, min, max, null, null));
    }

    private int addList(byte k, int[] items) {
        List<Integer> key = new ArrayList<>(items.length);
        for (int i : items) key.add(i);
        return add(new NodeKey(k, 0, 0, 0, 0, key, null));
    }

    private int add(NodeKey key) {
        Integer existing = interned.get(key);
        if (existing != null) return existing;
        int id = size++;
        if (id == kind.length) grow();
        kind[id] = key.kind();
        argA[id] = key.a();
        argB[id] = key.b();
        argMin[id] = key.min();
        argMax[id] = key.max();
        switch (key.kind()) {
            case K_EMPTY -> nullable[id] = false;
            case K_EPS -> nullable[id] = true;
            case K_BYTES -> {
                argA[id] = byteSets.size();
                byteSets.add(new long[] {key.bytes().get(0), key.bytes().get(1), key.bytes().get(2), key.bytes().get(3)});
            }
            case K_CONCAT -> {
                nullable[id] = nullable[key.a()] && nullable[key.b()];
                boolOps[id] = boolOps[key.a()] || boolOps[key.b()];
            }
            case K_OR, K_AND -> {
                int[] items = key.list().stream().mapToInt(Integer::intValue).toArray();
                argA[id] = lists.size();
                lists.add(items);
                boolean n = key.kind() == K_AND;
                boolean bo = key.kind() == K_AND;
                for (int i : items) {
                    n = key.kind() == K_AND ? n && nullable[i] : n || nullable[i];
                    bo |= boolOps[i];
                }
                nullable[id] = n;
                boolOps[id] = bo;
            }
            case K_NOT -> {
                nullable[id] = !nullable[key.a()];
                boolOps[id] = true;
            }
            case K_REPEAT -> {
                nullable[id] = key.min() == 0 || nullable[key.a()];
                boolOps[id] = boolOps[key.a()];
            }
            default -> throw new IllegalStateException();
        }
        interned.put(key, id);
        return id;
    }

    private void grow() {
        int n = kind.length * 2;
        kind = Arrays.copyOf(kind, n);
        argA = Arrays.copyOf(argA, n);
        argB = Arrays.copyOf(argB, n);
        argMin = Arrays.copyOf(argMin, n);
        argMax = Arrays.copyOf(argMax, n);
        nullable = Arrays.copyOf(nullable, n);
        boolOps = Arrays.copyOf(boolOps, n);
        live = Arrays.copyOf(live, n);
    }

    // ---- derivatives ------------------------------------------------------------------------------

    /** The expression matching {w : b·w in id}. */
    public int derivative(int id, int b) {
        switch (kind[id]) {
            case K_EMPTY, K_EPS -> {
                return EMPTY;
            }
            case K_BYTES -> {
                return ByteSet.contains(byteSets.get(argA[id]), b) ? EPSILON : EMPTY;
            }
            default -> {
            }
        }
        long key = ((long) id << 8) | b;
        Integer memo = derivatives.get(key);
        if (memo != null) return memo;
        int r = switch (kind[id]) {
            case K_CONCAT -> {
                int head = concat(derivative(argA[id], b), argB[id]);
                yield nullable[argA[id]] ? or(head, derivative(argB[id], b)) : head;
            }
            case K_OR -> {
                int[] items = lists.get(argA[id]);
                int[] ds = new int[items.length];
                for (int i = 0; i < items.length; i++) ds[i] = derivative(items[i], b);
                yield or(ds);
            }
            case K_AND -> {
                int[] items = lists.get(argA[id]);
                int[] ds = new int[items.length];
                for (int i = 0; i < items.length; i++) {
                    ds[i] = derivative(items[i], b);
                    if (ds[i] == EMPTY) yield EMPTY;
                }
                yield and(ds);
            }
            case K_NOT -> not(derivative(argA[id], b));
            case K_REPEAT -> {
                int max = argMax[id];
                yield concat(derivative(argA[id], b), repeat(argA[id], Math.max(argMin[id] - 1, 0), max == UNBOUNDED ? UNBOUNDED : max - 1));
            }
            default -> throw new IllegalStateException();
        };
        derivatives.put(key, r);
        return r;
    }

    /** A superset of the bytes b for which {@code derivative(id, b)} may be non-empty. */
    long[] firstBytes(int id) {
        switch (kind[id]) {
            case K_EMPTY, K_EPS -> {
                return new long[4];
            }
            case K_BYTES -> {
                return byteSets.get(argA[id]);
            }
            case K_NOT -> {
                return ByteSet.all();
            }
            default -> {
            }
        }
        long[] memo = firstBytes.get(id);
        if (memo != null) return memo;
        long[] r = switch (kind[id]) {
            case K_CONCAT -> nullable[argA[id]] ? ByteSet.union(firstBytes(argA[id]), firstBytes(argB[id])) : firstBytes(argA[id]);
            case K_OR -> {
                long[] u = new long[4];
                for (int i : lists.get(argA[id])) u = ByteSet.union(u, firstBytes(i));
                yield u;
            }
            case K_AND -> {
                long[] u = ByteSet.all();
                for (int i : lists.get(argA[id])) u = ByteSet.intersect(u, firstBytes(i));
                yield u;
            }
            case K_REPEAT -> firstBytes(argA[id]);
            default -> throw new IllegalStateException();
        };
        firstBytes.put(id, r);
        return r;
    }

    /**
     * Whether some byte string completes this expression (its language is non-empty). Exact: explores the
     * derivatives reachable from {@code id} up to {@code budget} new expressions, then throws.
     */
    public boolean isLive(int id, int budget) {
        if (!boolOps[id]) return id != EMPTY;
        if (live[id] != LIVE_UNKNOWN) return live[id] == LIVE_YES;
        if (nullable[id]) {
            live[id] = LIVE_YES;
            return true;
        }
        // Depth-first search for a nullable derivative; if the reachable set is exhausted, all of it is dead.
        Map<Integer, Integer> parent = new HashMap<>();
        List<Integer> visited = new ArrayList<>();
        int[] stack = new int[64];
        int sp = 0;
        stack[sp++] = id;
        parent.put(id, -1);
        int found = -1;
        while (sp > 0 && found < 0) {
            int cur = stack[--sp];
            visited.add(cur);
            if (visited.size() > budget) {
                throw new GrammarException("regular expression too complex to check for emptiness (over " + budget + " states)");
            }
            long[] first = firstBytes(cur);
            for (int b = 0; b < 256; b++) {
                if (!ByteSet.contains(first, b)) continue;
                int d = derivative(cur, b);
                if (d == EMPTY || parent.containsKey(d) || live[d] == LIVE_NO) continue;
                parent.put(d, cur);
                if (nullable[d] || live[d] == LIVE_YES || !boolOps[d]) {
                    found = d;
                    break;
                }
                if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
                stack[sp++] = d;
            }
        }
        if (found >= 0) {
            for (int n = found; n >= 0; n = parent.get(n)) live[n] = LIVE_YES;
            return true;
        }
        for (int v : visited) live[v] = LIVE_NO;
        return false;
    }

    @Override
    public String toString() {
        return "RegexArena[" + size + " expressions]";
    }

    /** A readable rendering, for error messages and tests. */
    public String show(int id) {
        return switch (kind[id]) {
            case K_EMPTY -> "∅";
            case K_EPS -> "ε";
            case K_BYTES -> showBytes(byteSets.get(argA[id]));
            case K_CONCAT -> show(argA[id]) + show(argB[id]);
            case K_OR -> "(" + String.join("|", Arrays.stream(lists.get(argA[id])).mapToObj(this::show).toList()) + ")";
            case K_AND -> "(" + String.join("&", Arrays.stream(lists.get(argA[id])).mapToObj(this::show).toList()) + ")";
            case K_NOT -> "~(" + show(argA[id]) + ")";
            case K_REPEAT -> "(" + show(argA[id]) + "){" + argMin[id] + "," + (argMax[id] == UNBOUNDED ? "" : argMax[id]) + "}";
            default -> "?";
        };
    }

    private static String showBytes(long[] s) {
        int count = 0, last = -1;
        for (int b = 0; b < 256; b++) {
            if (ByteSet.contains(s, b)) {
                count++;
                last = b;
            }
        }
        if (count == 1) return last >= 0x21 && last < 0x7F ? Character.toString(last) : String.format("\\x%02x", last);
        return "[" + count + " bytes]";
    }
}
