package dev.schemagate.grammar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * This grammar with {@code prefix} put before every rule name, so that it can be embedded next to others
     * ({@link #embed}) without its rule names colliding with theirs.
     */
    public Grammar withRulePrefix(String prefix) {
        Map<String, Expr> renamed = new LinkedHashMap<>();
        rules.forEach((name, body) -> renamed.put(prefix + name, prefixRefs(body, prefix)));
        return new Grammar(prefix + start, renamed);
    }

    /**
     * A grammar whose start rule is {@code root} (which may refer to the start rules of {@code parts} by
     * name) and that holds every rule of {@code parts}, which must have distinct names.
     */
    public static Grammar embed(String start, Expr root, List<Grammar> parts) {
        Map<String, Expr> all = new LinkedHashMap<>();
        all.put(start, root);
        for (Grammar part : parts) {
            part.rules.forEach((name, body) -> {
                if (all.putIfAbsent(name, body) != null) throw new IllegalArgumentException("rule '" + name + "' is defined twice");
            });
        }
        return new Grammar(start, all);
    }

    private static Expr prefixRefs(Expr e, String prefix) {
        return switch (e) {
            case Expr.Ref r -> new Expr.Ref(prefix + r.rule());
            case Expr.Seq s -> new Expr.Seq(prefixAll(s.items(), prefix));
            case Expr.Alt a -> new Expr.Alt(prefixAll(a.options(), prefix));
            case Expr.Repeat r -> new Expr.Repeat(prefixRefs(r.body(), prefix), r.min(), r.max());
            // Token bodies, And and Not are regular: they hold no references.
            case Expr.Nothing n -> n;
            case Expr.Empty n -> n;
            case Expr.Literal n -> n;
            case Expr.CharClass n -> n;
            case Expr.And n -> n;
            case Expr.Not n -> n;
            case Expr.Token n -> n;
        };
    }

    private static List<Expr> prefixAll(List<Expr> items, String prefix) {
        List<Expr> out = new ArrayList<>(items.size());
        for (Expr item : items) out.add(prefixRefs(item, prefix));
        return out;
    }
}
