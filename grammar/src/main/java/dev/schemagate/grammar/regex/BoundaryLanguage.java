package dev.schemagate.grammar.regex;

import static dev.schemagate.grammar.regex.RegularExprs.nullable;

import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The language of a sub-pattern in each of the four contexts "its match starts at the start of the input"
 * x "its match ends at the end of the input". This is what makes {@code ^} and {@code $} exact anywhere:
 * an anchor holds only where its context flag does, and a sequence passes the flags on to its parts
 * according to which of them consume characters. With only positive anchors (no \b, no lookaround) a
 * language can only grow when a flag turns true; the combinators below rely on that monotonicity.
 */
record BoundaryLanguage(Expr startAndEnd, Expr startOnly, Expr endOnly, Expr neither) {
    static final BoundaryLanguage EMPTY = of(Expr.empty());
    static final BoundaryLanguage START = build((atStart, atEnd) -> atStart ? Expr.empty() : Expr.nothing());
    static final BoundaryLanguage END = build((atStart, atEnd) -> atEnd ? Expr.empty() : Expr.nothing());

    /** A language that does not depend on where it sits. */
    static BoundaryLanguage of(Expr e) {
        return new BoundaryLanguage(e, e, e, e);
    }

    Expr in(boolean atStart, boolean atEnd) {
        return atStart ? (atEnd ? startAndEnd : startOnly) : (atEnd ? endOnly : neither);
    }

    boolean uniform() {
        return startAndEnd == startOnly && startOnly == endOnly && endOnly == neither;
    }

    private interface PerContext {
        Expr build(boolean atStart, boolean atEnd);
    }

    private static BoundaryLanguage build(PerContext f) {
        return new BoundaryLanguage(
                f.build(true, true), f.build(true, false), f.build(false, true), f.build(false, false));
    }

    /**
     * xy splits by which side is empty: both non-empty (x never reaches the end, y never touches the
     * start); x empty (y sees x's start flag); y empty (x sees y's end flag); both empty. Using x's
     * narrower context for a possibly empty x only under-approximates a case already covered.
     */
    static BoundaryLanguage seq(BoundaryLanguage x, BoundaryLanguage y) {
        if (x.uniform() && y.uniform()) return of(RegularExprs.seq(x.neither, y.neither));
        return build((a, b) -> {
            List<Expr> parts = new ArrayList<>();
            parts.add(RegularExprs.seq(x.in(a, false), y.in(false, b)));
            if (!y.uniform() && nullable(x.in(a, false))) parts.add(y.in(a, b));
            if (!x.uniform() && nullable(y.in(false, b))) parts.add(x.in(a, b));
            if (!x.uniform() && !y.uniform() && nullable(x.in(a, b)) && nullable(y.in(a, b))) parts.add(Expr.empty());
            return RegularExprs.alt(parts);
        });
    }

    static BoundaryLanguage alt(List<BoundaryLanguage> options) {
        if (options.size() == 1) return options.getFirst();
        if (options.stream().allMatch(BoundaryLanguage::uniform)) {
            return of(RegularExprs.alt(options.stream().map(BoundaryLanguage::neither).toList()));
        }
        return build((a, b) -> RegularExprs.alt(options.stream().map(o -> o.in(a, b)).toList()));
    }

    /**
     * x{min,max}. For a context-dependent x, a non-empty match is either one non-empty iteration (the
     * whole context) or first.middle*.last, where only the first sees the start flag and only the last the
     * end flag; empty iterations before the first or after the last can pad the count up to min.
     */
    static BoundaryLanguage repeat(BoundaryLanguage x, int min, int max) {
        if (x.uniform()) return of(RegularExprs.repeat(x.neither, min, max));
        return build((a, b) -> {
            List<Expr> parts = new ArrayList<>();
            if (min == 0) parts.add(Expr.empty());
            if (max != 0) {
                Expr first = x.in(a, false), middle = x.in(false, false), last = x.in(false, b);
                boolean pad = nullable(first) || nullable(last);
                if (min <= 1 || pad) parts.add(x.in(a, b));
                if (max == Expr.UNBOUNDED || max >= 2) {
                    int lo = pad ? 0 : Math.max(0, min - 2);
                    int hi = max == Expr.UNBOUNDED ? Expr.UNBOUNDED : max - 2;
                    parts.add(RegularExprs.seq(first, RegularExprs.repeat(middle, lo, hi), last));
                }
            }
            return RegularExprs.alt(parts);
        });
    }
}
