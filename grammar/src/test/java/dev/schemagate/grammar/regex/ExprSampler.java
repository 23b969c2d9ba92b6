package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws random members of a regular expression's language, preferring characters from a small alphabet
 * so the samples look like the strings the pattern is about. Used to find over-approximations.
 */
final class ExprSampler {
    private final Random random;
    private final int[] alphabet;

    ExprSampler(Random random, int[] alphabet) {
        this.random = random;
        this.alphabet = alphabet;
    }

    /** A random member of the language, or null if the draw ran into an empty branch. */
    String sample(Expr e) {
        StringBuilder sb = new StringBuilder();
        return append(e, sb) ? sb.toString() : null;
    }

    private boolean append(Expr e, StringBuilder sb) {
        return switch (e) {
            case Expr.Nothing n -> false;
            case Expr.Empty n -> true;
            case Expr.Literal lit -> {
                sb.append(lit.text());
                yield true;
            }
            case Expr.CharClass c -> appendMember(c.set(), sb);
            case Expr.Seq s -> s.items().stream().allMatch(item -> append(item, sb));
            case Expr.Alt a -> {
                List<Expr> options = new ArrayList<>(a.options());
                Collections.shuffle(options, random);
                int mark = sb.length();
                for (Expr o : options) {
                    if (append(o, sb)) yield true;
                    sb.setLength(mark);
                }
                yield false;
            }
            case Expr.Repeat r -> {
                int extra = r.max() == Expr.UNBOUNDED ? 3 : Math.min(3, r.max() - r.min());
                int n = r.min() + random.nextInt(extra + 1);
                boolean ok = true;
                for (int i = 0; i < n && ok; i++) ok = append(r.body(), sb);
                yield ok;
            }
            default -> throw new IllegalArgumentException("not a plain regular expression: " + e);
        };
    }

    private boolean appendMember(CodePointSet set, StringBuilder sb) {
        if (random.nextInt(10) < 7) {
            int[] inSet = Arrays.stream(alphabet).filter(set::contains).toArray();
            if (inSet.length > 0) {
                sb.appendCodePoint(inSet[random.nextInt(inSet.length)]);
                return true;
            }
        }
        for (int attempt = 0; attempt < 20 && !set.isEmpty(); attempt++) {
            int r = random.nextInt(set.rangeCount());
            int cp = set.lo(r) + random.nextInt(set.hi(r) - set.lo(r) + 1);
            if (cp < 0xD800 || cp > 0xDFFF) {
                sb.appendCodePoint(cp);
                return true;
            }
        }
        return false;
    }
}
