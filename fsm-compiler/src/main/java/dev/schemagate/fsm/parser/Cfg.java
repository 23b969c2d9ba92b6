package dev.schemagate.fsm.parser;

/**
 * A context-free grammar in flat arrays, the form the Earley parser walks.
 *
 * <p>Symbols: a nonterminal is an index {@code >= 0}; a terminal (lexeme) is {@code -(regexId + 1)}.
 * Productions are laid out one after another in {@link #symbols}, each followed by {@link #END}; an Earley
 * item's dot is an index into that array. Nonterminal 0 is the augmented start {@code S' -> S}; the
 * sentence is complete when the item at the end of that single production has origin 0.
 */
public record Cfg(int[] symbols, int[] lhsAt, int[][] productionStarts, boolean[] nullable, int acceptPosition) {
    public static final int END = Integer.MIN_VALUE;

    public static boolean isTerminal(int symbol) {
        return symbol < 0 && symbol != END;
    }

    public static int lexemeOf(int terminal) {
        return -terminal - 1;
    }

    public static int terminal(int lexeme) {
        return -lexeme - 1;
    }

    public int nonterminalCount() {
        return productionStarts.length;
    }
}
