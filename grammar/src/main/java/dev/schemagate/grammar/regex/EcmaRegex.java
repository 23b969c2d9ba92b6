package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.Expr;

/** ECMA-262 regular expressions (the subset JSON Schema {@code pattern}s use) to grammar IR over code points. */
public final class EcmaRegex {
    private EcmaRegex() {}

    /**
     * The language of strings in which {@code pattern} matches somewhere (JSON Schema {@code pattern}
     * semantics: unanchored unless the pattern uses ^ / $). The result is regular (no Ref, no Token).
     */
    public static Expr search(String pattern) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The language of strings that {@code pattern} matches as a whole (guided_regex semantics). */
    public static Expr fullMatch(String pattern) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
