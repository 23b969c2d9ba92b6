package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.GrammarException;

/** A pattern that is not valid ECMA-262 syntax; {@code position} is a 0-based index into the pattern string. */
public final class RegexSyntaxException extends GrammarException {
    private final int position;

    public RegexSyntaxException(String pattern, int position, String expected) {
        super("invalid regex /" + pattern + "/ at position " + position + ": expected " + expected);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
