package dev.schemagate.grammar;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete grammar: named rules and the start rule. Every {@link Expr.Ref} names a rule of this map.
 */
public record Grammar(String start, Map<String, Expr> rules) {
    public Grammar {
        rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        if (!rules.containsKey(start)) throw new IllegalArgumentException("no start rule '" + start + "'");
    }

    /** A grammar of one rule. */
    public static Grammar of(Expr root) {
        return new Grammar("root", Map.of("root", root));
    }
}
