package dev.schemagate.fsm.mask;

import dev.schemagate.fsm.trie.TokenTrie;
import java.util.Arrays;

/**
 * What a lexer state alone decides about every token, computed once per state.
 *
 * <p>Inner tokens stay inside the current lexeme(s) and are allowed whatever the parser's state (every
 * lexeme of the state is expected by the row that produced it, and every kept derivative can complete); they
 * are {@code base} (possibly shared with other plans, never modified) plus {@code tokens}. Boundary nodes are
 * nodes of {@code trie} where a lexeme must end before the node's byte, grouped by the set of lexemes that
 * end there. What follows a boundary depends on the parser, so it is walked at each step, but only from the
 * nodes whose byte the next lexer state accepts: those survivors are cached per group and start state.
 */
final class MaskPlan {
    private static final int SURVIVOR_CACHE = 4;

    final long[] base;
    final int[] tokens;
    final TokenTrie trie;
    final int[] groupAcceptSets;
    final int[][] groupNodes;
    private final int[][] survivorLex;
    private final int[][][] survivors;

    MaskPlan(long[] base, int[] tokens, TokenTrie trie, int[] groupAcceptSets, int[][] groupNodes) {
        this.base = base;
        this.tokens = tokens;
        this.trie = trie;
        this.groupAcceptSets = groupAcceptSets;
        this.groupNodes = groupNodes;
        this.survivorLex = new int[groupAcceptSets.length][SURVIVOR_CACHE];
        for (int[] row : survivorLex) Arrays.fill(row, -1);
        this.survivors = new int[groupAcceptSets.length][SURVIVOR_CACHE][];
    }

    /** Cached survivors of group g for the next lexeme's start state, or null. */
    int[] survivors(int g, int startLex) {
        int[] keys = survivorLex[g];
        for (int i = 0; i < SURVIVOR_CACHE; i++) {
            if (keys[i] == startLex) return survivors[g][i];
        }
        return null;
    }

    void putSurvivors(int g, int startLex, int[] nodes) {
        int[] keys = survivorLex[g];
        int slot = 0;
        while (slot < SURVIVOR_CACHE - 1 && keys[slot] != -1) slot++;
        keys[slot] = startLex; // when full, the last slot is recycled
        survivors[g][slot] = nodes;
    }

    /** Approximate heap footprint of what this plan owns, for the cache budget. */
    long bytes(boolean ownsBase) {
        long b = 64L + (ownsBase && base != null ? base.length * 8L : 0) + tokens.length * 4L;
        for (int[] nodes : groupNodes) b += 16 + nodes.length * 8L;
        return b;
    }
}
