package dev.schemagate.fsm.mask;

import dev.schemagate.fsm.lexer.LexerStates;
import dev.schemagate.fsm.parser.EarleyParser;
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
    private final LexerStates lexer;
    private final PlanCache plans;
    private final int[] lexAt, rowAt, boundaryRowAt;

    public MaskWalker(TokenTrie trie, LexerStates lexer, PlanCache plans) {
        this.trie = trie;
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
        if (plan == null) plan = plans.put(lex, computePlan(lex));
        if (plan.innerBits != null) {
            System.arraycopy(plan.innerBits, 0, mask, 0, plan.innerBits.length);
        } else {
            Arrays.fill(mask, 0L);
            for (int t : plan.innerTokens) mask[t >>> 6] |= 1L << t;
        }
        int committedRows = parser.rowCount();
        for (int g = 0; g < plan.groupAcceptSets.length; g++) {
            int child = parser.scan(row, plan.groupAcceptSets[g]);
            if (child < 0) continue;
            int start = parser.lexStart(child);
            int[] nodes = plan.survivors(g, start);
            if (nodes == null) {
                nodes = survivors(plan.groupNodes[g], start);
                plan.putSurvivors(g, start, nodes);
            }
            for (int node : nodes) {
                enter(mask, node, trie.depth(node), lexer.next(start, trie.byteAt(node)), child);
                walk(mask, parser, node + 1, trie.end(node));
            }
        }
        parser.truncate(committedRows);
    }

    /** The boundary nodes whose byte can begin a lexeme in lexer state {@code start}. */
    private int[] survivors(int[] nodes, int start) {
        int n = 0;
        int[] out = new int[nodes.length];
        for (int node : nodes) {
            if (lexer.next(start, trie.byteAt(node)) != LexerStates.DEAD) out[n++] = node;
        }
        return Arrays.copyOf(out, n);
    }

    private void enter(long[] mask, int node, int d, int lex, int row) {
        lexAt[d] = lex;
        rowAt[d] = row;
        boundaryRowAt[d] = UNSET;
        int tok = trie.token(node);
        if (tok >= 0) {
            mask[tok >>> 6] |= 1L << tok;
            int[] dup = trie.duplicates(node);
            if (dup != null) for (int t : dup) mask[t >>> 6] |= 1L << t;
        }
    }

    /** Walks nodes [from, to), all below an entered node, finishing lexemes through the parser as needed. */
    private void walk(long[] mask, EarleyParser parser, int from, int to) {
        int i = from;
        while (i < to) {
            int d = trie.depth(i);
            int s = lexAt[d - 1];
            int b = trie.byteAt(i);
            int t = lexer.next(s, b);
            int r = rowAt[d - 1];
            if (t == LexerStates.DEAD) {
                if (!lexer.accepts(s)) {
                    i = trie.end(i);
                    continue;
                }
                int child = boundaryRowAt[d - 1];
                if (child == UNSET) {
                    child = parser.scan(r, lexer.acceptSetId(s));
                    boundaryRowAt[d - 1] = child < 0 ? FAILED : child;
                }
                if (child < 0 || (t = lexer.next(parser.lexStart(child), b)) == LexerStates.DEAD) {
                    i = trie.end(i);
                    continue;
                }
                r = child;
            }
            enter(mask, i, d, t, r);
            i++;
        }
    }

    /** The lexer-only walk of the whole trie from state {@code lex}. */
    private MaskPlan computePlan(int lex) {
        long[] bits = new long[(plans.vocabularySize() + 63) >>> 6];
        int innerCount = 0;
        int[] bNodes = new int[16], bSets = new int[16];
        int nb = 0;
        lexAt[0] = lex;
        int n = trie.nodeCount();
        int i = 0, steps = 0;
        while (i < n) {
            if ((++steps & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new GrammarException("interrupted while computing a token mask");
            }
            int d = trie.depth(i);
            int s = lexAt[d - 1];
            int t = lexer.next(s, trie.byteAt(i));
            if (t == LexerStates.DEAD) {
                if (lexer.accepts(s)) {
                    if (nb == bNodes.length) {
                        bNodes = Arrays.copyOf(bNodes, nb * 2);
                        bSets = Arrays.copyOf(bSets, nb * 2);
                    }
                    bNodes[nb] = i;
                    bSets[nb++] = lexer.acceptSetId(s);
                }
                i = trie.end(i);
                continue;
            }
            lexAt[d] = t;
            int tok = trie.token(i);
            if (tok >= 0) {
                bits[tok >>> 6] |= 1L << tok;
                innerCount++;
                int[] dup = trie.duplicates(i);
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
        if (innerCount > SMALL_PLAN_TOKENS) return new MaskPlan(bits, null, groupSets, groupNodes);
        int[] tokens = new int[innerCount];
        int k = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long word = bits[w]; word != 0; word &= word - 1) tokens[k++] = (w << 6) + Long.numberOfTrailingZeros(word);
        }
        return new MaskPlan(null, tokens, groupSets, groupNodes);
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
