package dev.schemagate.schemas.number;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.List;

/** Building blocks of digit-level languages; the combinators drop dead branches so empty results are Nothing. */
final class Digits {
    static final Expr DIGIT = Expr.cls(CodePointSet.range('0', '9'));
    static final Expr NONZERO = Expr.cls(CodePointSet.range('1', '9'));
    static final Expr ZEROS = Expr.plus(Expr.lit("0"));
    /** An optional fraction whose digits are all zero: keeps an integral value integral. */
    static final Expr ZERO_FRACTION = Expr.opt(Expr.seq(Expr.lit("."), ZEROS));
    static final Expr ANY_FRACTION = Expr.opt(Expr.seq(Expr.lit("."), Expr.plus(DIGIT)));

    private Digits() {}

    /** Digits {@code from..to} (inclusive, 0..9) as one class. */
    static Expr range(int from, int to) {
        return from > to ? Expr.nothing() : Expr.cls(CodePointSet.range('0' + from, '0' + to));
    }

    static Expr digit(int d) {
        return Expr.lit(String.valueOf((char) ('0' + d)));
    }

    /** Exactly {@code n} arbitrary digits. */
    static Expr exactly(int n) {
        return n == 0 ? Expr.empty() : Expr.repeat(DIGIT, n, n);
    }

    static Expr seq(Expr... items) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : items) {
            switch (e) {
                case Expr.Nothing n -> {
                    return n;
                }
                case Expr.Empty ignored -> {}
                case Expr.Seq s -> out.addAll(s.items());
                default -> out.add(e);
            }
        }
        return out.isEmpty() ? Expr.empty() : Expr.seq(out);
    }

    static Expr alt(List<Expr> options) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : options) {
            switch (e) {
                case Expr.Nothing ignored -> {}
                case Expr.Alt a -> out.addAll(a.options());
                default -> out.add(e);
            }
        }
        return out.isEmpty() ? Expr.nothing() : Expr.alt(out);
    }

    static Expr alt(Expr... options) {
        return alt(List.of(options));
    }

    /** Nodes of the expression counted as a tree (a shared node counts once per use), up to {@code limit}. */
    static long treeSize(Expr e, long limit) {
        long n = 1;
        List<Expr> children = switch (e) {
            case Expr.Seq s -> s.items();
            case Expr.Alt a -> a.options();
            case Expr.And a -> a.parts();
            case Expr.Repeat r -> List.of(r.body());
            default -> List.of();
        };
        for (Expr c : children) {
            n += treeSize(c, limit - n);
            if (n > limit) return n;
        }
        return n;
    }
}
