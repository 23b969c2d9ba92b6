package dev.schemagate.schemas;

import dev.schemagate.grammar.GrammarException;

/** A JSON Schema we refuse: names the keyword and the JSON pointer of the schema location it sits at. */
public final class SchemaCompileException extends GrammarException {
    private final String keyword;
    private final String pointer;

    public SchemaCompileException(String keyword, String pointer, String reason) {
        super("unsupported or invalid '" + keyword + "' at " + (pointer.isEmpty() ? "#" : "#" + pointer) + ": " + reason);
        this.keyword = keyword;
        this.pointer = pointer;
    }

    public String keyword() {
        return keyword;
    }

    /** JSON pointer (RFC 6901, without the leading '#') of the schema object holding the keyword. */
    public String pointer() {
        return pointer;
    }
}
