package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.GrammarException;

/** A valid pattern using a construct whose language cannot be compiled exactly (lookaround, backreference...). */
public final class UnsupportedRegexException extends GrammarException {
    private final String construct;
    private final int position;

    public UnsupportedRegexException(String pattern, int position, String construct) {
        super("unsupported regex construct in /" + pattern + "/ at position " + position + ": " + construct);
        this.construct = construct;
        this.position = position;
    }

    public String construct() {
        return construct;
    }

    /** 0-based index into the pattern string. */
    public int position() {
        return position;
    }
}
