package dev.schemagate.fsm.mask;

import dev.schemagate.fsm.lexer.LexerStates;
import dev.schemagate.fsm.parser.EarleyParser;
import dev.schemagate.fsm.trie.SafeTokens;
import dev.schemagate.fsm.trie.TokenTrie;
import dev.schemagate.grammar.GrammarException;
import java.util.Arrays;

/**
 * Computes token masks by walking the token trie with the lexer, asking the parser only where a lexeme ends
 * inside a token. One walker per matcher: its scratch arrays make a steady-state walk allocation-free.
 */
public final class MaskWalker {
    private static final int UNSET = -2, FAILED = -1;
    private static final int SMALL_PLAN_TOKENS = 512;
    /** A neighbour's plan is reused when at most 1/REWALK_DIVISOR of the trie must be walked again. */
    private static final int REWALK_DIVISOR = 4;

    private final TokenTrie trie;
    private final SafeTokens safe;
    private final LexerStates lexer;
    private final PlanCache plans;
    private final int[] lexAt, neighbourAt, rowAt, boundaryRowAt;

    /** @param safe the safe-token split of the vocabulary, or null to walk the whole trie for every plan */
    public MaskWalker(TokenTrie trie, SafeTokens safe, LexerStates lexer, PlanCache plans) {
        this.trie = trie;
        this.safe = safe;
        this.lexer = lexer;
        this.plans = plans;
        int depth = trie.maxDepth() + 2;
        this.lexAt = new int[depth];
        this.neighbourAt = new int[depth];
        this.rowAt = new int[depth];
        this.boundaryRowAt = new int[depth];
    }

    /**
     * Fills mask with the tokens allowed after the committed input, whose lexer state is {@code lex} and
     * whose last parser row is {@code row}. Rows built on the way are dropped again before returning.
     */
    public void fill(long[] mask, EarleyParser parser, int row, int lex) {
        MaskPlan plan = plans.get(lex);
        if (plan == null) plan = computePlan(lex);
        if (plan.base != null) System.arraycopy(plan.base, 0, mask, 0, plan.base.length);
        else Arrays.fill(mask, 0L);
        for (int t : plan.tokens) mask[t >>> 6] |= 1L << t;
        TokenTrie planTrie = plan.trie;
        int committedRows = parser.rowCount();
        for (int g = 0; g < plan.groupAcceptSets.length; g++) {
            int child = parser.scan(row, plan.groupAcceptSets[g]);
            if (child < 0) continue;
            int start = parser.lexStart(child);
            int[] nodes = plan.survivors(g, start);
            if (nodes == null) {
                nodes = survivors(planTrie, plan.groupNodes[g], start);
                plan.putSurvivors(g, start, nodes);
            }
            for (int node : nodes) {
                enter(mask, planTrie, node, planTrie.depth(node), lexer.next(start, planTrie.byteAt(node)), child);
                walk(mask, planTrie, parser, node + 1, planTrie.end(node));
            }
        }
        parser.truncate(committedRows);
    }

    /** The boundary nodes whose byte can begin a lexeme in lexer state {@code start}. */
    private int[] survivors(TokenTrie t, int[] nodes, int start) {
        int n = 0;
        int[] out = new int[nodes.length];
        for (int node : nodes) {
            if (lexer.next(start, t.byteAt(node)) != LexerStates.DEAD) out[n++] = node;
        }
        return Arrays.copyOf(out, n);
    }

    private void enter(long[] mask, TokenTrie t, int node, int d, int lex, int row) {
        lexAt[d] = lex;
        rowAt[d] = row;
        boundaryRowAt[d] = UNSET;
        int tok = t.token(node);
        if (tok >= 0) {
            mask[tok >>> 6] |= 1L << tok;
            int[] dup = t.duplicates(node);
            if (dup != null) for (int x : dup) mask[x >>> 6] |= 1L << x;
        }
    }

    /** Walks nodes [from, to), all below an entered node, finishing lexemes through the parser as needed. */
    private void walk(long[] mask, TokenTrie t, EarleyParser parser, int from, int to) {
        int i = from;
        while (i < to) {
            int d = t.depth(i);
            int s = lexAt[d - 1];
            int b = t.byteAt(i);
            int next = lexer.next(s, b);
            int r = rowAt[d - 1];
            if (next == LexerStates.DEAD) {
                if (!lexer.accepts(s)) {
                    i = t.end(i);
                    continue;
                }
                int child = boundaryRowAt[d - 1];
                if (child == UNSET) {
                    child = parser.scan(r, lexer.acceptSetId(s));
                    boundaryRowAt[d - 1] = child < 0 ? FAILED : child;
                }
                if (child < 0 || (next = lexer.next(parser.lexStart(child), b)) == LexerStates.DEAD) {
                    i = t.end(i);
                    continue;
                }
                r = child;
            }
            enter(mask, t, i, d, next, r);
            i++;
        }
    }

    /**
     * The plan of a lexer state. When every safe character moves the state alike (JSON string content,
     * with or without length bounds), safe tokens are decided by their length and only the small trie of the
     * other tokens is walked; when the state moves like a neighbour on all but a few first bytes, the
     * neighbour's plan is reused; otherwise the whole trie is walked with the lexer alone.
     */
    private MaskPlan computePlan(int lex) {
        if (safe != null) {
            MaskPlan plan = safeCharsPlan(lex);
            if (plan != null) return plans.put(lex, plan, false);
            plan = neighbourPlan(lex);
            if (plan != null) return plans.put(lex, plan, true);
        }
        return wholeTriePlan(lex);
    }

    private MaskPlan wholeTriePlan(int lex) {
        MaskPlan plan = lexerWalk(lex, trie, null);
        return plans.put(lex, plan, plan.base != null);
    }

    /** The plan from safe-token length classes, or null when the state does not treat safe characters alike. */
    private MaskPlan safeCharsPlan(int lex) {
        int safeChars = uniformSafeChars(lex);
        return safeChars < 0 ? null : lexerWalk(lex, safe.unsafeTrie(), safe.upTo(safeChars));
    }

    /**
     * How many safe characters in a row keep the state alive, when every safe character moves it alike at
     * each of those steps (capped at the longest safe token); -1 when that does not hold, or when the state
     * reached after the last live step could end a lexeme (a boundary inside a safe token needs the parser).
     */
    private int uniformSafeChars(int lex) {
        int s = lex;
        for (int k = 0; k < safe.maxChars(); k++) {
            int next = lexer.safeStep(s);
            if (next == LexerStates.NOT_UNIFORM) return -1;
            if (next == LexerStates.DEAD) return lexer.accepts(s) ? -1 : k;
            if (next == s) return safe.maxChars();
            s = next;
        }
        return safe.maxChars();
    }

    /**
     * The plan of a state that moves like a neighbour on all but a few first bytes, such as a key that may be
     * any string but the declared names, at a prefix of one of them (the neighbour is the free string state
     * that most bytes lead to). A token's fate after its first byte depends only on the state that byte
     * leads to, so the neighbour's plan holds for every other first byte and only the subtrees of the
     * differing ones are walked. A neighbour without a plan gets one first (its own walk is paid once: the
     * prefixes of a declared name or of a pattern's literal all lead back to it). Null when no neighbour
     * differs on few enough tokens.
     */
    private MaskPlan neighbourPlan(int lex) {
        int neighbour = majoritySuccessor(lex);
        if (neighbour < 0) return null;
        boolean sameAccepts = lexer.acceptSetId(lex) == lexer.acceptSetId(neighbour);
        boolean[] differs = new boolean[256];
        int rewalk = 0;
        for (int b = 0; b < 256; b++) {
            int next = lexer.next(lex, b);
            // A first byte that ends the lexeme is a boundary only if the state accepts, and then by its accept set.
            differs[b] = next != lexer.next(neighbour, b) || (next == LexerStates.DEAD && !sameAccepts);
            int root = trie.root(b);
            if (differs[b] && root >= 0) rewalk += trie.end(root) - root;
        }
        if (rewalk > trie.nodeCount() / REWALK_DIVISOR) return null;
        MaskPlan from = plans.get(neighbour);
        if (from == null) {
            from = safeCharsPlan(neighbour);
            from = from != null ? plans.put(neighbour, from, false) : wholeTriePlan(neighbour);
        }
        long[] bits = new long[(plans.vocabularySize() + 63) >>> 6];
        if (from.base != null) System.arraycopy(from.base, 0, bits, 0, bits.length);
        for (int t : from.tokens) bits[t >>> 6] |= 1L << t;
        Boundaries boundaries = new Boundaries();
        Subtrees kept = new Subtrees();
        for (int b = 0; b < 256; b++) {
            int root = trie.root(b);
            if (differs[b] && root >= 0) lockstepWalk(lex, neighbour, root, bits, boundaries, kept);
        }
        for (int g = 0; g < from.groupNodes.length; g++) {
            for (int node : from.groupNodes[g]) {
                int whole = from.trie == trie ? node : safe.wholeTrieNode(node);
                if (!differs[trie.firstByte(whole)] || kept.contains(whole)) boundaries.add(whole, from.groupAcceptSets[g]);
            }
        }
        int inner = 0;
        for (long w : bits) inner += Long.bitCount(w);
        return plan(bits, inner, null, trie, boundaries);
    }

    /**
     * Walks the subtree of first-level node {@code root} from state {@code lex} in step with the neighbour's
     * state. Below a node where both reach the same live state the neighbour's results stand: that subtree
     * is skipped and added to {@code kept} (a key prefix that leaves the declared names is the free string
     * again). Elsewhere its tokens and boundaries are decided as in a lexer walk, overwriting the neighbour's.
     */
    private void lockstepWalk(int lex, int neighbour, int root, long[] bits, Boundaries boundaries, Subtrees kept) {
        lexAt[0] = lex;
        neighbourAt[0] = neighbour;
        int i = root, to = trie.end(root);
        while (i < to) {
            int d = trie.depth(i);
            int s = lexAt[d - 1], n = neighbourAt[d - 1];
            int b = trie.byteAt(i);
            int next = lexer.next(s, b);
            int theirs = n == LexerStates.DEAD ? LexerStates.DEAD : lexer.next(n, b);
            if (next == LexerStates.DEAD) {
                if (lexer.accepts(s)) boundaries.add(i, lexer.acceptSetId(s));
                if (theirs != LexerStates.DEAD) for (int j = i; j < trie.end(i); j++) clearToken(bits, j);
                i = trie.end(i);
                continue;
            }
            if (next == theirs) {
                kept.add(i, trie.end(i));
                i = trie.end(i);
                continue;
            }
            lexAt[d] = next;
            neighbourAt[d] = theirs;
            setToken(bits, i);
            i++;
        }
    }

    /** The live state that the most bytes lead to, if it is another state; -1 otherwise. */
    private int majoritySuccessor(int lex) {
        int[] states = new int[256], counts = new int[256];
        int n = 0, best = -1;
        for (int b = 0; b < 256; b++) {
            int next = lexer.next(lex, b);
            if (next == LexerStates.DEAD) continue;
            int k = 0;
            while (k < n && states[k] != next) k++;
            if (k == n) states[n++] = next;
            counts[k]++;
            if (best < 0 || counts[k] > counts[best]) best = k;
        }
        return best < 0 || states[best] == lex ? -1 : states[best];
    }

    private void setToken(long[] bits, int node) {
        int tok = trie.token(node);
        if (tok < 0) return;
        bits[tok >>> 6] |= 1L << tok;
        int[] dup = trie.duplicates(node);
        if (dup != null) for (int x : dup) bits[x >>> 6] |= 1L << x;
    }

    private void clearToken(long[] bits, int node) {
        int tok = trie.token(node);
        if (tok < 0) return;
        bits[tok >>> 6] &= ~(1L << tok);
        int[] dup = trie.duplicates(node);
        if (dup != null) for (int x : dup) bits[x >>> 6] &= ~(1L << x);
    }

    /** The lexer-only walk of a trie from state {@code lex}; {@code base}, if given, is shared, not copied. */
    private MaskPlan lexerWalk(int lex, TokenTrie t, long[] base) {
        long[] bits = new long[(plans.vocabularySize() + 63) >>> 6];
        Boundaries boundaries = new Boundaries();
        int inner = lexerWalk(lex, t, 0, t.nodeCount(), bits, boundaries);
        return plan(bits, inner, base, t, boundaries);
    }

    /**
     * Walks the first-level subtrees in nodes [from, to) of t from state {@code lex} with the lexer alone:
     * sets the bits of the tokens that stay inside the lexeme, records the nodes where one must end, and
     * returns how many bits it set.
     */
    private int lexerWalk(int lex, TokenTrie t, int from, int to, long[] bits, Boundaries boundaries) {
        int innerCount = 0;
        lexAt[0] = lex;
        int i = from, steps = 0;
        while (i < to) {
            if ((++steps & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new GrammarException("interrupted while computing a token mask");
            }
            int d = t.depth(i);
            int s = lexAt[d - 1];
            int next = lexer.next(s, t.byteAt(i));
            if (next == LexerStates.DEAD) {
                if (lexer.accepts(s)) boundaries.add(i, lexer.acceptSetId(s));
                i = t.end(i);
                continue;
            }
            lexAt[d] = next;
            int tok = t.token(i);
            if (tok >= 0) {
                bits[tok >>> 6] |= 1L << tok;
                innerCount++;
                int[] dup = t.duplicates(i);
                if (dup != null) {
                    for (int x : dup) bits[x >>> 6] |= 1L << x;
                    innerCount += dup.length;
                }
            }
            i++;
        }
        return innerCount;
    }

    /** A plan from walk results: inner tokens as a bitset, or as a list on top of {@code base} when given or few. */
    private static MaskPlan plan(long[] bits, int innerCount, long[] base, TokenTrie t, Boundaries boundaries) {
        int[][] groups = groupByAcceptSet(boundaries.nodes, boundaries.sets, boundaries.n);
        int[] groupSets = groups[groups.length - 1];
        int[][] groupNodes = Arrays.copyOf(groups, groups.length - 1);
        if (base == null && innerCount > SMALL_PLAN_TOKENS) return new MaskPlan(bits, new int[0], t, groupSets, groupNodes);
        int[] tokens = new int[innerCount];
        int k = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long word = bits[w]; word != 0; word &= word - 1) tokens[k++] = (w << 6) + Long.numberOfTrailingZeros(word);
        }
        return new MaskPlan(base, tokens, t, groupSets, groupNodes);
    }

    /** Boundary nodes found by lexer walks, each with the accept set of the lexemes that end there. */
    private static final class Boundaries {
        int[] nodes = new int[16], sets = new int[16];
        int n;

        void add(int node, int acceptSet) {
            if (n == nodes.length) {
                nodes = Arrays.copyOf(nodes, n * 2);
                sets = Arrays.copyOf(sets, n * 2);
            }
            nodes[n] = node;
            sets[n++] = acceptSet;
        }
    }

    /** Disjoint subtrees of the trie, added in node order, as [first node, end) ranges. */
    private static final class Subtrees {
        int[] starts = new int[16], ends = new int[16];
        int n;

        void add(int start, int end) {
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            starts[n] = start;
            ends[n++] = end;
        }

        boolean contains(int node) {
            int lo = 0, hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] > node) hi = mid - 1;
                else if (ends[mid] <= node) lo = mid + 1;
                else return true;
            }
            return false;
        }
    }

    /** Node lists per distinct accept set, followed by the array of those accept sets. */
    private static int[][] groupByAcceptSet(int[] nodes, int[] sets, int n) {
        long[] keyed = new long[n]; // (set, position) pairs sort into groups and keep the walk's node order
        for (int i = 0; i < n; i++) keyed[i] = ((long) sets[i] << 32) | i;
        Arrays.sort(keyed);
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || keyed[i] >>> 32 != keyed[i - 1] >>> 32) distinct++;
        int[][] out = new int[distinct + 1][];
        int[] groupSets = new int[distinct];
        for (int i = 0, g = 0; i < n; g++) {
            int j = i;
            while (j < n && keyed[j] >>> 32 == keyed[i] >>> 32) j++;
            groupSets[g] = (int) (keyed[i] >>> 32);
            out[g] = new int[j - i];
            for (int k = i; k < j; k++) out[g][k - i] = nodes[(int) keyed[k]];
            i = j;
        }
        out[distinct] = groupSets;
        return out;
    }
}
