package dev.schemagate.fsm.mask;

import java.util.Arrays;

/**
 * What a lexer state alone decides about every token, computed once by a walk of the whole trie.
 *
 * <p>Inner tokens stay inside the current lexeme(s) and are allowed whatever the parser's state (every
 * lexeme of the state is expected by the row that produced it, and every kept derivative can complete).
 * Boundary nodes are trie nodes where a lexeme must end before the node's byte; they are grouped by the set
 * of lexemes that end there. What follows a boundary depends on the parser, so it is walked at each step,
 * but only from the nodes whose byte the next lexer state accepts: those survivors are cached per group and
 * next-lexeme start state, because the same few start states recur at almost every step.
 */
final class MaskPlan {
    private static final int SURVIVOR_CACHE = 4;

    final long[] innerBits; // the inner mask, when large
    final int[] innerTokens; // the inner tokens, when few
    final int[] groupAcceptSets;
    final int[][] groupNodes;
    private final int[][] survivorLex;
    private final int[][][] survivors;

    MaskPlan(long[] innerBits, int[] innerTokens, int[] groupAcceptSets, int[][] groupNodes) {
        this.innerBits = innerBits;
        this.innerTokens = innerTokens;
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

    /** Approximate heap footprint, for the cache budget. */
    long bytes() {
        long b = 64L + (innerBits == null ? 0 : innerBits.length * 8L) + (innerTokens == null ? 0 : innerTokens.length * 4L);
        for (int[] nodes : groupNodes) b += 16 + nodes.length * 4L * 2;
        return b;
    }
}
