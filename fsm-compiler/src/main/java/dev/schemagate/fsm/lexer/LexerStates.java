package dev.schemagate.fsm.lexer;

import dev.schemagate.fsm.IntArrayInterner;
import dev.schemagate.fsm.regex.RegexArena;
import java.util.Arrays;

/**
 * The lexer's lazily built DFA. A state is the set of lexemes still possible, each with its current
 * derivative: sorted pairs (lexeme regex id, derivative id), dead derivatives dropped. Lexemes are named by
 * the arena id of their regex, so equal lexemes of different grammars share states, transitions and masks.
 *
 * <p>Invariant: every derivative kept in a state is live (can still complete), so a state is dead exactly
 * when its set is empty, and a live transition always leads somewhere a lexeme can still end.
 */
public final class LexerStates {
    public static final int DEAD = -1;
    /** {@link #safeStep} of a state whose safe characters do not all lead to one state. */
    public static final int NOT_UNIFORM = -3;
    private static final int UNKNOWN = -2;
    private static final int SAFE_UNKNOWN = -4;
    private static final int UNSET = -5;
    private static final int LIVENESS_BUDGET = 50_000;
    /** States with at least this many lexemes derive only the lexemes that may take the byte. */
    private static final int FILTERED_STATE = 4;

    private final RegexArena arena;
    private final IntArrayInterner states = new IntArrayInterner();
    private final IntArrayInterner acceptSets = new IntArrayInterner();
    private int[][] transitions = new int[64][];
    private int[] acceptSet = new int[64]; // per state: id in acceptSets (the empty set when none accept)
    private int[] safeStep = new int[64]; // per state: SAFE_UNKNOWN, NOT_UNIFORM, DEAD or the common next state
    private int[] byteClasses = new int[64]; // per state: the arena partition of bytes with equal transitions + 1, 0 = unknown
    private long[][] pairFirstBytes = new long[64][]; // per state with many lexemes: 4 words of first bytes per pair
    private int[] scratch = new int[64];
    private final int emptyAcceptSet;

    public LexerStates(RegexArena arena) {
        this.arena = arena;
        this.emptyAcceptSet = acceptSets.intern(new int[0], 0);
    }

    public RegexArena arena() {
        return arena;
    }

    public int stateCount() {
        return states.size();
    }

    /** The state at the start of a lexeme drawn from {@code lexemes[0..len)} (sorted, distinct regex ids). */
    public int start(int[] lexemes, int len) {
        ensureScratch(len * 2);
        int n = 0;
        for (int i = 0; i < len; i++) {
            scratch[n++] = lexemes[i];
            scratch[n++] = lexemes[i];
        }
        return intern(n);
    }

    /** The state after byte b, or {@link #DEAD}. */
    public int next(int state, int b) {
        int[] row = transitions[state];
        if (row == null) {
            row = new int[256];
            Arrays.fill(row, UNKNOWN);
            transitions[state] = row;
        }
        int t = row[b];
        if (t == UNKNOWN) {
            t = computeNext(state, b);
            int[] labels = arena.classLabels(byteClasses(state));
            int c = labels[b];
            for (int x = 0; x < 256; x++) if (labels[x] == c) row[x] = t;
        }
        return t;
    }

    /** Bytes of one class lead to the same state: every lexeme's remainder has the same derivative by them. */
    private int byteClasses(int state) {
        int p = byteClasses[state] - 1;
        if (p >= 0) return p;
        int[] pairs = states.get(state);
        p = arena.byteClasses(RegexArena.EMPTY);
        for (int i = 0; i < pairs.length; i += 2) p = arena.refineClasses(p, arena.byteClasses(pairs[i + 1]));
        byteClasses[state] = p + 1;
        return p;
    }

    private int computeNext(int state, int b) {
        int[] pairs = states.get(state);
        ensureScratch(pairs.length);
        long[] first = pairFirstBytes[state];
        int n = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (first != null && (first[2 * i + (b >>> 6)] & (1L << b)) == 0) continue;
            int d = arena.derivative(pairs[i + 1], b);
            if (d != RegexArena.EMPTY && arena.isLive(d, LIVENESS_BUDGET)) {
                scratch[n++] = pairs[i];
                scratch[n++] = d;
            }
        }
        // Derivatives keep the pair order (lexeme ids were sorted and are unchanged), so no re-sort is needed.
        return n == 0 ? DEAD : intern(n);
    }

    private int intern(int n) {
        int before = states.size();
        int id = states.intern(scratch, n);
        if (id == before) {
            if (id == transitions.length) {
                transitions = Arrays.copyOf(transitions, id * 2);
                acceptSet = Arrays.copyOf(acceptSet, id * 2);
                safeStep = Arrays.copyOf(safeStep, id * 2);
                byteClasses = Arrays.copyOf(byteClasses, id * 2);
                pairFirstBytes = Arrays.copyOf(pairFirstBytes, id * 2);
            }
            safeStep[id] = SAFE_UNKNOWN;
            int[] pairs = states.get(id);
            if (pairs.length >= 2 * FILTERED_STATE) {
                long[] first = new long[pairs.length * 2];
                for (int i = 0; i < pairs.length; i += 2) System.arraycopy(arena.firstBytes(pairs[i + 1]), 0, first, 2 * i, 4);
                pairFirstBytes[id] = first;
            }
            int[] acc = new int[pairs.length / 2];
            int k = 0;
            for (int i = 0; i < pairs.length; i += 2) {
                if (arena.isNullable(pairs[i + 1])) acc[k++] = pairs[i];
            }
            acceptSet[id] = k == 0 ? emptyAcceptSet : acceptSets.intern(acc, k);
        }
        return id;
    }

    /**
     * The state that every safe character (a code point of at least U+0020 other than {@code "} and
     * {@code \}, see {@link dev.schemagate.fsm.trie.SafeTokens}) leads to from this state, {@link #DEAD} if
     * all of them kill it, or {@link #NOT_UNIFORM}. Checked exhaustively over every UTF-8 lead and
     * continuation byte, so a uniform answer is exact.
     */
    public int safeStep(int state) {
        int r = safeStep[state];
        if (r != SAFE_UNKNOWN) return r;
        r = UNSET;
        for (int b = 0x20; b < 0x80 && r != NOT_UNIFORM; b++) {
            if (b != '"' && b != '\\') r = merge(r, next(state, b));
        }
        // Each class is only explored while the answer may still be uniform: a key state fails on ASCII already.
        if (r != NOT_UNIFORM) r = merge(r, afterChar(state, 0xC2, 0xDF, 0x80, 0xBF, 1));
        if (r != NOT_UNIFORM) r = merge(r, afterChar(state, 0xE0, 0xE0, 0xA0, 0xBF, 2));
        if (r != NOT_UNIFORM) r = merge(r, afterChar(state, 0xE1, 0xEC, 0x80, 0xBF, 2));
        if (r != NOT_UNIFORM) r = merge(r, afterChar(state, 0xED, 0xED, 0x80, 0x9F, 2));
        if (r != NOT_UNIFORM) r = merge(r, afterChar(state, 0xEE, 0xEF, 0x80, 0xBF, 2));
        if (r != NOT_UNIFORM) r = merge(r, afterChar(state, 0xF0, 0xF0, 0x90, 0xBF, 3));
        if (r != NOT_UNIFORM) r = merge(r, afterChar(state, 0xF1, 0xF3, 0x80, 0xBF, 3));
        if (r != NOT_UNIFORM) r = merge(r, afterChar(state, 0xF4, 0xF4, 0x80, 0x8F, 3));
        safeStep[state] = r;
        return r;
    }

    /** The common state after any character with a lead byte in [leadLo, leadHi], or NOT_UNIFORM. */
    private int afterChar(int state, int leadLo, int leadHi, int secondLo, int secondHi, int continuations) {
        int r = UNSET;
        for (int lead = leadLo; lead <= leadHi && r != NOT_UNIFORM; lead++) {
            int u = next(state, lead);
            if (u == DEAD) {
                r = merge(r, DEAD);
                continue;
            }
            int level = UNSET;
            for (int c = secondLo; c <= secondHi && level != NOT_UNIFORM; c++) level = merge(level, next(u, c));
            for (int k = 1; k < continuations && level >= 0; k++) {
                int deeper = UNSET;
                for (int c = 0x80; c <= 0xBF && deeper != NOT_UNIFORM; c++) deeper = merge(deeper, next(level, c));
                level = deeper;
            }
            r = merge(r, level);
        }
        return r;
    }

    private static int merge(int a, int b) {
        if (a == UNSET) return b;
        return a == b ? a : NOT_UNIFORM;
    }

    /** What is left of lexeme {@code lexeme} (a regex id) in this state, or {@link RegexArena#EMPTY} when it is no longer alive. */
    public int remainderOf(int state, int lexeme) {
        int[] pairs = states.get(state);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == lexeme) return pairs[i + 1];
        }
        return RegexArena.EMPTY;
    }

    /** True when the state's set is empty: no lexeme may start here. */
    public boolean isEmpty(int state) {
        return states.get(state).length == 0;
    }

    /** Id of the set of lexemes that are complete in this state (dense ids, shared by equal sets). */
    public int acceptSetId(int state) {
        return acceptSet[state];
    }

    public boolean accepts(int state) {
        return acceptSet[state] != emptyAcceptSet;
    }

    /** The lexeme regex ids of an accept set, sorted. Do not modify. */
    public int[] acceptSet(int acceptSetId) {
        return acceptSets.get(acceptSetId);
    }

    private void ensureScratch(int n) {
        if (scratch.length < n) scratch = new int[Math.max(n, scratch.length * 2)];
    }
}
