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

    private final TokenTrie trie;
    private final SafeTokens safe;
    private final LexerStates lexer;
    private final PlanCache plans;
    private final int[] lexAt, rowAt, boundaryRowAt;

    /** @param safe the safe-token split of the vocabulary, or null to walk the whole trie for every plan */
    public MaskWalker(TokenTrie trie, SafeTokens safe, LexerStates lexer, PlanCache plans) {
        this.trie = trie;
        this.safe = safe;
        this.lexer = lexer;
        this.plans = plans;
        int depth = trie.maxDepth() + 2;
        this.lexAt = new int[depth];
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
     * other tokens is walked; otherwise the whole trie is walked with the lexer alone.
     */
    private MaskPlan computePlan(int lex) {
        int safeChars = safe == null ? -1 : uniformSafeChars(lex);
        MaskPlan plan;
        if (safeChars >= 0) {
            plan = lexerWalk(lex, safe.unsafeTrie(), safe.upTo(safeChars));
            return plans.put(lex, plan, false);
        }
        plan = lexerWalk(lex, trie, null);
        return plans.put(lex, plan, plan.base != null);
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

    /** The lexer-only walk of a trie from state {@code lex}; {@code base}, if given, is shared, not copied. */
    private MaskPlan lexerWalk(int lex, TokenTrie t, long[] base) {
        long[] bits = new long[(plans.vocabularySize() + 63) >>> 6];
        int innerCount = 0;
        int[] bNodes = new int[16], bSets = new int[16];
        int nb = 0;
        lexAt[0] = lex;
        int n = t.nodeCount();
        int i = 0, steps = 0;
        while (i < n) {
            if ((++steps & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new GrammarException("interrupted while computing a token mask");
            }
            int d = t.depth(i);
            int s = lexAt[d - 1];
            int next = lexer.next(s, t.byteAt(i));
            if (next == LexerStates.DEAD) {
                if (lexer.accepts(s)) {
                    if (nb == bNodes.length) {
                        bNodes = Arrays.copyOf(bNodes, nb * 2);
                        bSets = Arrays.copyOf(bSets, nb * 2);
                    }
                    bNodes[nb] = i;
                    bSets[nb++] = lexer.acceptSetId(s);
                }
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
        int[][] groups = groupByAcceptSet(bNodes, bSets, nb);
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

    /** Node lists per distinct accept set, followed by the array of those accept sets. */
    private static int[][] groupByAcceptSet(int[] nodes, int[] sets, int n) {
        int[] distinct = Arrays.stream(sets, 0, n).distinct().toArray();
        int[][] out = new int[distinct.length + 1][];
        for (int g = 0; g < distinct.length; g++) {
            int set = distinct[g];
            out[g] = java.util.stream.IntStream.range(0, n).filter(i -> sets[i] == set).map(i -> nodes[i]).toArray();
        }
        out[distinct.length] = distinct;
        return out;
    }
}
