package dev.schemagate.fsm.mask;

/**
 * What a lexer state alone decides about every token, computed once by a walk of the whole trie.
 *
 * <p>Inner tokens stay inside the current lexeme(s) and are allowed whatever the parser's state (every
 * lexeme of the state is expected by the row that produced it, and every kept derivative can complete).
 * Boundary points are trie nodes where a lexeme must end before the node's byte: what follows depends on
 * the parser, so it is walked at each step, starting from these nodes only.
 */
record MaskPlan(long[] innerBits, int[] innerTokens, int[] boundaryNodes, int[] boundaryAcceptSets) {
    /** Approximate heap footprint, for the cache budget. */
    long bytes() {
        return 64L + (innerBits == null ? 0 : innerBits.length * 8L) + (innerTokens == null ? 0 : innerTokens.length * 4L)
                + boundaryNodes.length * 8L;
    }
}
