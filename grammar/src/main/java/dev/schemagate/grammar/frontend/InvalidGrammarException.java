package dev.schemagate.grammar.frontend;

import dev.schemagate.grammar.GrammarException;

/**
 * Grammar text (GBNF, Lark, regex, choice list) that cannot be compiled: a syntax error, an undefined or
 * unusable rule, an empty language. {@code line} and {@code column} (both 1-based) point at the offending
 * place in the submitted text, so a gateway can answer 400 with them; {@code rule} names the rule at fault,
 * or is null when the error is not about one rule.
 */
public final class InvalidGrammarException extends GrammarException {
    private final int line;
    private final int column;
    private final String rule;

    public InvalidGrammarException(int line, int column, String rule, String message) {
        super("line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
        this.rule = rule;
    }

    public InvalidGrammarException(int line, int column, String rule, String message, Throwable cause) {
        super("line " + line + ", column " + column + ": " + message, cause);
        this.line = line;
        this.column = column;
        this.rule = rule;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The rule the error is about, or null. */
    public String rule() {
        return rule;
    }
}
