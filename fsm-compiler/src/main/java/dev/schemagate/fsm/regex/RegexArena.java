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
    /** Unions with at least this many items derive only the items that may start with the byte. */
    private static final int INDEXED_OR = 8;

    private byte[] kind = new byte[1024];
    private int[] argA = new int[1024];
    private int[] argB = new int[1024];
    private int[] argMin = new int[1024];
    private int[] argMax = new int[1024];
    private boolean[] nullable = new boolean[1024];
    private boolean[] boolOps = new boolean[1024];
    private byte[] live = new byte[1024];
    private int[] classes = new int[1024]; // byte-class partition id + 1, 0 = not computed yet
    private int[] shortest = new int[1024]; // shortest member's length + 1, 0 = not computed yet
    private final List<int[]> lists = new ArrayList<>();
    private final List<long[]> byteSets = new ArrayList<>();
    private int size;

    private int[] table = new int[2048]; // open addressing over node ids: id + 1, 0 = empty
    private final LongIntMap derivatives = new LongIntMap();
    private final Map<Integer, long[]> firstBytes = new HashMap<>();
    private final Map<Integer, int[][]> orItemsByFirstByte = new HashMap<>();
    private final BytePartitions partitions = new BytePartitions();

    public RegexArena() {
        add(K_EMPTY, 0, 0, 0, 0, null, null);
        add(K_EPS, 0, 0, 0, 0, null, null);
    }

    public int size() {
        return size;
    }

    public boolean isNullable(int id) {
        return nullable[id];
    }

    /** Whether the expression contains an intersection or a complement (whose languages need a search). */
    public boolean hasBooleanOps(int id) {
        return boolOps[id];
    }

    /**
     * The length of the shortest byte string the expression matches, {@code unreachable} if none, computed
     * from its structure in one pass (no derivatives). Only for expressions without {@link #hasBooleanOps}.
     */
    public int shortestLength(int id, int unreachable) {
        if (boolOps[id]) throw new IllegalArgumentException("expression " + id + " has intersections or complements");
        // Post-order over an explicit stack: a long literal is a concatenation chain thousands deep.
        int[] stack = new int[32];
        int sp = 0;
        stack[sp++] = id;
        while (sp > 0) {
            int n = stack[sp - 1];
            if (shortest[n] != 0) {
                sp--;
                continue;
            }
            int before = sp;
            switch (kind[n]) {
                case K_CONCAT -> {
                    if (shortest[argA[n]] == 0) stack = push(stack, sp++, argA[n]);
                    if (shortest[argB[n]] == 0) stack = push(stack, sp++, argB[n]);
                }
                case K_OR -> {
                    for (int i : lists.get(argA[n])) if (shortest[i] == 0) stack = push(stack, sp++, i);
                }
                case K_REPEAT -> {
                    if (shortest[argA[n]] == 0) stack = push(stack, sp++, argA[n]);
                }
                default -> {
                }
            }
            if (sp > before) continue;
            long length = switch (kind[n]) {
                case K_EMPTY -> unreachable;
                case K_EPS -> 0;
                case K_BYTES -> 1;
                case K_CONCAT -> (long) shortest[argA[n]] - 1 + shortest[argB[n]] - 1;
                case K_OR -> {
                    long min = unreachable;
                    for (int i : lists.get(argA[n])) min = Math.min(min, shortest[i] - 1);
                    yield min;
                }
                case K_REPEAT -> argMin[n] == 0 ? 0 : (long) argMin[n] * (shortest[argA[n]] - 1);
                default -> throw new IllegalStateException();
            };
            shortest[n] = (int) Math.min(length, unreachable) + 1;
            sp--;
        }
        return shortest[id] - 1;
    }

    private static int[] push(int[] stack, int sp, int id) {
        if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
        stack[sp] = id;
        return stack;
    }

    // ---- smart constructors -------------------------------------------------------------------------

    public int bytes(long[] set) {
        if (ByteSet.isEmpty(set)) return EMPTY;
        return add(K_BYTES, 0, 0, 0, 0, null, set);
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
        return add(K_CONCAT, a, b, 0, 0, null, null);
    }

    public int concat(int... parts) {
        int r = EPSILON;
        for (int i = parts.length - 1; i >= 0; i--) r = concat(parts[i], r);
        return r;
    }

    public int or(int... parts) {
        int[] flat = new int[parts.length + 8];
        int n = 0;
        long[] merged = null;
        for (int p : parts) {
            int[] items = kind[p] == K_OR ? lists.get(argA[p]) : null;
            int count = items == null ? 1 : items.length;
            for (int j = 0; j < count; j++) {
                int q = items == null ? p : items[j];
                if (q == EMPTY) continue;
                if (kind[q] == K_BYTES) {
                    long[] set = byteSets.get(argA[q]);
                    merged = merged == null ? set.clone() : ByteSet.union(merged, set);
                    continue;
                }
                if (kind[q] == K_NOT && argA[q] == EMPTY) return q; // anything | x == anything
                if (n == flat.length) flat = Arrays.copyOf(flat, n * 2);
                flat[n++] = q;
            }
        }
        if (merged != null) {
            if (n == flat.length) flat = Arrays.copyOf(flat, n + 1);
            flat[n++] = bytes(merged);
        }
        n = sortDistinct(flat, n);
        if (n == 0) return EMPTY;
        if (n == 1) return flat[0];
        return addList(K_OR, Arrays.copyOf(flat, n));
    }

    public int and(int... parts) {
        int[] flat = new int[parts.length + 8];
        int n = 0;
        for (int p : parts) {
            if (p == EMPTY) return EMPTY;
            int[] items = kind[p] == K_AND ? lists.get(argA[p]) : null;
            int count = items == null ? 1 : items.length;
            for (int j = 0; j < count; j++) {
                int q = items == null ? p : items[j];
                if (kind[q] == K_NOT && argA[q] == EMPTY) continue; // anything & x == x
                if (n == flat.length) flat = Arrays.copyOf(flat, n * 2);
                flat[n++] = q;
            }
        }
        n = sortDistinct(flat, n);
        if (n == 0) return not(EMPTY);
        if (n == 1) return flat[0];
        return addList(K_AND, Arrays.copyOf(flat, n));
    }

    private static int sortDistinct(int[] a, int n) {
        Arrays.sort(a, 0, n);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (k == 0 || a[k - 1] != a[i]) a[k++] = a[i];
        }
        return k;
    }

    public int not(int a) {
        if (kind[a] == K_NOT) return argA[a];
        return add(K_NOT, a, 0, 0, 0, null, null);
    }

    /** {@code a{min,max}}, max may be -1 for unbounded. */
    public int repeat(int a, int min, int max) {
        if (max != UNBOUNDED && max < min) return EMPTY;
        if (a == EMPTY) return min == 0 ? EPSILON : EMPTY;
        if (a == EPSILON || max == 0) return EPSILON;
        if (nullable[a]) min = 0;
        if (min == 1 && max == 1) return a;
        return add(K_REPEAT, a, 0, min, max, null, null);
    }

    private int addList(byte k, int[] items) {
        return add(k, 0, 0, 0, 0, items, null);
    }

    // Ids are small consecutive ints, so Arrays.hashCode of a list collides in long runs ([x, y] and [x+1, y-31]);
    // every field is mixed, then the whole is finalised, so that linear probing stays short.
    private int hash(byte k, int a, int b, int min, int max, int[] list, long[] set) {
        int h = mix(k, a);
        h = mix(h, b);
        h = mix(h, min);
        h = mix(h, max);
        if (list != null) for (int item : list) h = mix(h, item);
        if (set != null) for (long word : set) h = mix(mix(h, (int) word), (int) (word >>> 32));
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    private static int mix(int h, int value) {
        int v = value * 0xCC9E2D51;
        v = Integer.rotateLeft(v, 15) * 0x1B873593;
        return Integer.rotateLeft(h ^ v, 13) * 5 + 0xE6546B64;
    }

    private boolean same(int id, byte k, int a, int b, int min, int max, int[] list, long[] set) {
        if (kind[id] != k) return false;
        return switch (k) {
            case K_BYTES -> Arrays.equals(byteSets.get(argA[id]), set);
            case K_OR, K_AND -> Arrays.equals(lists.get(argA[id]), list);
            default -> argA[id] == a && argB[id] == b && argMin[id] == min && argMax[id] == max;
        };
    }

    /** The id of the node with these fields, created if new (hash-consing). */
    private int add(byte k, int a, int b, int min, int max, int[] list, long[] set) {
        int h = hash(k, a, b, min, max, list, set);
        int mask = table.length - 1;
        int slot = h & mask;
        for (int e = table[slot]; e != 0; e = table[slot = (slot + 1) & mask]) {
            if (same(e - 1, k, a, b, min, max, list, set)) return e - 1;
        }
        int id = size++;
        if (id == kind.length) grow();
        kind[id] = k;
        argA[id] = a;
        argB[id] = b;
        argMin[id] = min;
        argMax[id] = max;
        switch (k) {
            case K_EMPTY -> nullable[id] = false;
            case K_EPS -> nullable[id] = true;
            case K_BYTES -> {
                argA[id] = byteSets.size();
                byteSets.add(set.clone());
            }
            case K_CONCAT -> {
                nullable[id] = nullable[a] && nullable[b];
                boolOps[id] = boolOps[a] || boolOps[b];
            }
            case K_OR, K_AND -> {
                argA[id] = lists.size();
                lists.add(list);
                boolean n = k == K_AND;
                boolean bo = k == K_AND;
                for (int i : list) {
                    n = k == K_AND ? n && nullable[i] : n || nullable[i];
                    bo |= boolOps[i];
                }
                nullable[id] = n;
                boolOps[id] = bo;
            }
            case K_NOT -> {
                nullable[id] = !nullable[a];
                boolOps[id] = true;
            }
            case K_REPEAT -> {
                nullable[id] = min == 0 || nullable[a];
                boolOps[id] = boolOps[a];
            }
            default -> throw new IllegalStateException();
        }
        table[slot] = id + 1;
        if (size * 2 > table.length) rehash();
        return id;
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int id = 0; id < size; id++) {
            int[] list = kind[id] == K_OR || kind[id] == K_AND ? lists.get(argA[id]) : null;
            long[] set = kind[id] == K_BYTES ? byteSets.get(argA[id]) : null;
            int a = list != null || set != null ? 0 : argA[id];
            int slot = hash(kind[id], a, argB[id], argMin[id], argMax[id], list, set) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = id + 1;
        }
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
        classes = Arrays.copyOf(classes, n);
        shortest = Arrays.copyOf(shortest, n);
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
        int memo = derivatives.get(key);
        if (memo >= 0) return memo;
        int r = switch (kind[id]) {
            case K_CONCAT -> {
                int head = concat(derivative(argA[id], b), argB[id]);
                yield nullable[argA[id]] ? or(head, derivative(argB[id], b)) : head;
            }
            case K_OR -> {
                // A key that is "none of the declared names" derives a union of hundreds of literals.
                int[] items = lists.get(argA[id]);
                if (items.length >= INDEXED_OR) items = orItemsByFirstByte(id, items)[b];
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

    /** The items of a union that may start with each byte (per {@link #firstBytes}). */
    private int[][] orItemsByFirstByte(int id, int[] items) {
        int[][] index = orItemsByFirstByte.get(id);
        if (index != null) return index;
        int[] counts = new int[256];
        long[][] firsts = new long[items.length][];
        for (int i = 0; i < items.length; i++) {
            firsts[i] = firstBytes(items[i]);
            for (int b = 0; b < 256; b++) if (ByteSet.contains(firsts[i], b)) counts[b]++;
        }
        index = new int[256][];
        for (int b = 0; b < 256; b++) index[b] = new int[counts[b]];
        Arrays.fill(counts, 0);
        for (int i = 0; i < items.length; i++) {
            for (int b = 0; b < 256; b++) if (ByteSet.contains(firsts[i], b)) index[b][counts[b]++] = items[i];
        }
        orItemsByFirstByte.put(id, index);
        return index;
    }

    /** A superset of the bytes b for which {@code derivative(id, b)} may be non-empty. Do not modify. */
    public long[] firstBytes(int id) {
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
     * A partition of the bytes such that bytes of one class have the same derivative of {@code id} (see
     * {@link #classLabels}): the classes of the byte sets a derivative would test. Lets a lexer state derive
     * once per class instead of once per byte.
     */
    public int byteClasses(int id) {
        int memo = classes[id];
        if (memo != 0) return memo - 1;
        int r = switch (kind[id]) {
            case K_EMPTY, K_EPS -> BytePartitions.SINGLE;
            case K_BYTES -> partitions.of(byteSets.get(argA[id]));
            case K_CONCAT -> nullable[argA[id]] ? partitions.refine(byteClasses(argA[id]), byteClasses(argB[id])) : byteClasses(argA[id]);
            case K_OR, K_AND -> {
                int p = BytePartitions.SINGLE;
                for (int i : lists.get(argA[id])) p = partitions.refine(p, byteClasses(i));
                yield p;
            }
            case K_NOT, K_REPEAT -> byteClasses(argA[id]);
            default -> throw new IllegalStateException();
        };
        classes[id] = r + 1;
        return r;
    }

    /** The partition of bytes whose classes are the intersections of those of p and q. */
    public int refineClasses(int p, int q) {
        return partitions.refine(p, q);
    }

    /** The class of each byte in a partition from {@link #byteClasses}. Do not modify. */
    public int[] classLabels(int partition) {
        return partitions.labels(partition);
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

}
