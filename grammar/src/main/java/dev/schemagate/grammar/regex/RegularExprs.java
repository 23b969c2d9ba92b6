package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Constructors of regular {@link Expr}s that fold away Empty/Nothing so dead branches disappear early. */
final class RegularExprs {
    private RegularExprs() {}

    static Expr seq(Expr... items) {
        return seq(List.of(items));
    }

    static Expr seq(List<Expr> items) {
        List<Expr> out = new ArrayList<>();
        for (Expr item : items) {
            switch (item) {
                case Expr.Nothing n -> {
                    return n;
                }
                case Expr.Empty e -> {}
                case Expr.Seq s -> out.addAll(s.items());
                case Expr.Literal lit when !out.isEmpty() && out.getLast() instanceof Expr.Literal prev ->
                    out.set(out.size() - 1, new Expr.Literal(prev.text() + lit.text()));
                default -> out.add(item);
            }
        }
        return out.isEmpty() ? Expr.empty() : Expr.seq(out);
    }

    static Expr alt(Expr... options) {
        return alt(List.of(options));
    }

    static Expr alt(List<Expr> options) {
        Set<Expr> out = new LinkedHashSet<>();
        for (Expr o : options) {
            switch (o) {
                case Expr.Nothing n -> {}
                case Expr.Alt a -> out.addAll(a.options());
                default -> out.add(o);
            }
        }
        return out.isEmpty() ? Expr.nothing() : Expr.alt(List.copyOf(out));
    }

    static Expr repeat(Expr body, int min, int max) {
        if (max == 0 || body instanceof Expr.Empty) return Expr.empty();
        if (body instanceof Expr.Nothing) return min == 0 ? Expr.empty() : body;
        if (min == 1 && max == 1) return body;
        return Expr.repeat(body, min, max);
    }

    /** Whether the empty string belongs to a regular expression built by this package. */
    static boolean nullable(Expr e) {
        return switch (e) {
            case Expr.Empty x -> true;
            case Expr.Nothing x -> false;
            case Expr.Literal lit -> lit.text().isEmpty();
            case Expr.CharClass c -> false;
            case Expr.Seq s -> s.items().stream().allMatch(RegularExprs::nullable);
            case Expr.Alt a -> a.options().stream().anyMatch(RegularExprs::nullable);
            case Expr.Repeat r -> r.min() == 0 || nullable(r.body());
            default -> throw new IllegalArgumentException("not a plain regular expression: " + e);
        };
    }
}
