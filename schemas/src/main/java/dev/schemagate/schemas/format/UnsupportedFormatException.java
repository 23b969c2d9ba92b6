package dev.schemagate.schemas.format;

import dev.schemagate.grammar.GrammarException;

/** A {@code format} we know but cannot enforce exactly as a regular language, so we refuse it. */
public final class UnsupportedFormatException extends GrammarException {
    private final String format;

    public UnsupportedFormatException(String format, String reason) {
        super("format \"" + format + "\" cannot be enforced exactly: " + reason);
        this.format = format;
    }

    public String format() {
        return format;
    }
}
