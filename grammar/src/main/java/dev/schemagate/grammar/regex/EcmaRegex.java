package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.GrammarException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECMA-262 regular expressions (the subset JSON Schema {@code pattern}s use), and the Python/PCRE spellings of
 * {@link RegexDialect#PYTHON}, to grammar IR over code points.
 * Constructs whose language cannot be produced exactly are refused with {@link UnsupportedRegexException};
 * invalid patterns raise {@link RegexSyntaxException}.
 */
public final class EcmaRegex {
    private static final Expr ANY = Expr.cls(CodePointSet.ALL);
    private static final long MAX_TREE_NODES = 1_000_000;

    private EcmaRegex() {}

    /**
     * The language of strings in which {@code pattern} matches somewhere (JSON Schema {@code pattern}
     * semantics: unanchored unless the pattern uses ^ / $). The result is regular (no Ref, no Token).
     */
    public static Expr search(String pattern) {
        return withinBudget(pattern, anywhere(RegexParser.parse(pattern)));
    }

    /** The language of strings that {@code pattern} matches as a whole (guided_regex semantics). */
    public static Expr fullMatch(String pattern) {
        return fullMatch(pattern, RegexDialect.ECMA);
    }

    /** {@link #fullMatch(String)} with the pattern read in {@code dialect} (Python/PCRE spellings, flags). */
    public static Expr fullMatch(String pattern, RegexDialect dialect) {
        return withinBudget(pattern, RegexParser.parse(pattern, dialect).in(true, true));
    }

    /**
     * Anchors inside repeated or sequenced groups copy sub-expressions per context; the result shares
     * them, but consumers walk it as a tree, so its unshared size is bounded.
     */
    private static Expr withinBudget(String pattern, Expr e) {
        if (treeSize(e, new IdentityHashMap<>()) > MAX_TREE_NODES) {
            throw new GrammarException("regex /" + pattern + "/ expands to more than " + MAX_TREE_NODES + " nodes");
        }
        return e;
    }

    private static long treeSize(Expr e, Map<Expr, Long> memo) {
        Long known = memo.get(e);
        if (known != null) return known;
        List<Expr> children = switch (e) {
            case Expr.Seq s -> s.items();
            case Expr.Alt a -> a.options();
            case Expr.Repeat r -> List.of(r.body());
            default -> List.of();
        };
        long size = 1;
        for (Expr c : children) size = Math.min(size + treeSize(c, memo), MAX_TREE_NODES + 1);
        memo.put(e, size);
        return size;
    }

    /** Input around a match: split by whether the match starts at the start and ends at the end. */
    private static Expr anywhere(BoundaryLanguage lang) {
        if (lang.uniform()) return RegularExprs.seq(Expr.star(ANY), lang.neither(), Expr.star(ANY));
        Expr fromStart = untilEnd(lang, true);
        Expr fromInside = untilEnd(lang, false);
        return fromStart.equals(fromInside)
                ? RegularExprs.seq(Expr.star(ANY), fromStart)
                : RegularExprs.alt(fromStart, RegularExprs.seq(Expr.plus(ANY), fromInside));
    }

    /** A match starting at (or after) the start of the input followed by the rest of the input. */
    private static Expr untilEnd(BoundaryLanguage lang, boolean atStart) {
        Expr atEnd = lang.in(atStart, true);
        Expr beforeEnd = lang.in(atStart, false);
        return atEnd.equals(beforeEnd)
                ? RegularExprs.seq(beforeEnd, Expr.star(ANY))
                : RegularExprs.alt(atEnd, RegularExprs.seq(beforeEnd, Expr.plus(ANY)));
    }
}
