package dev.schemagate.schemas.shape;

import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * String keywords: code-point length bounds ({@code maxLength} -1 = none) and languages over code points
 * (patterns, formats, excluded values) that the content must all belong to.
 */
public record StringRules(int minLength, int maxLength, List<Expr> languages) {
    public static final StringRules ANY = new StringRules(0, -1, List.of());

    public StringRules {
        languages = List.copyOf(languages);
    }

    public StringRules and(StringRules o) {
        List<Expr> langs = new ArrayList<>(languages);
        langs.addAll(o.languages);
        return new StringRules(Math.max(minLength, o.minLength), Bounds.minOfMax(maxLength, o.maxLength), langs);
    }

    public boolean isEmpty() {
        return maxLength >= 0 && minLength > maxLength;
    }
}
