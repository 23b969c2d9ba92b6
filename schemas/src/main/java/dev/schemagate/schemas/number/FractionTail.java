package dev.schemagate.schemas.number;

import dev.schemagate.grammar.Expr;

/**
 * A language of digit strings split into whether it holds the empty string and its non-empty part, so a
 * caller can require at least one digit after a decimal point.
 */
record FractionTail(boolean emptyOk, Expr nonEmpty) {
    static final FractionTail NONE = new FractionTail(false, Expr.nothing());

    Expr full() {
        return emptyOk ? Digits.alt(Expr.empty(), nonEmpty) : nonEmpty;
    }
}
