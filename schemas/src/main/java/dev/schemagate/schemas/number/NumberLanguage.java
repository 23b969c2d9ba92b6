package dev.schemagate.schemas.number;

import dev.schemagate.grammar.Expr;

/** Exact digit-level regular languages of JSON number spellings whose values satisfy {@link NumberBounds}. */
public final class NumberLanguage {
    private NumberLanguage() {}

    public static Expr of(NumberBounds bounds) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
