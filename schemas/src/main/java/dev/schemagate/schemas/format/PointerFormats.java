package dev.schemagate.schemas.format;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;

/**
 * RFC 6901 JSON pointers and relative JSON pointers (draft-handrews-relative-json-pointer-01), without "#" in a
 * reference token: RFC 6901 allows it, but networknt (the gateway's second check) refuses it.
 */
final class PointerFormats {
    private static final Expr REFERENCE_TOKEN = Expr.star(Expr.alt(
            Expr.cls(CharSets.SCALAR.minus(CodePointSet.chars("/~#"))),
            Expr.seq(Expr.lit("~"), CharSets.chars("01"))));
    static final Expr JSON_POINTER = Expr.star(Expr.seq(Expr.lit("/"), REFERENCE_TOKEN));
    /** A non-negative integer without leading zeros, then "#" or a JSON pointer; no index manipulation. */
    static final Expr RELATIVE_JSON_POINTER = Expr.seq(
            Expr.alt(Expr.lit("0"), Expr.seq(Expr.cls(CodePointSet.range('1', '9')), Expr.star(Expr.cls(CharSets.DIGIT)))),
            Expr.alt(Expr.lit("#"), JSON_POINTER));

    private PointerFormats() {}
}
