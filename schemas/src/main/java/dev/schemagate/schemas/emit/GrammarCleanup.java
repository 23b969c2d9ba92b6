package dev.schemagate.schemas.emit;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.schemas.SchemaCompileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes dead ends: rules that derive no finite JSON text (e.g. a required member that recursively requires
 * itself) are replaced by Nothing so that no prefix without a completion is ever allowed; then inlines
 * rules without references and drops unreachable ones.
 */
final class GrammarCleanup {
    private GrammarCleanup() {}

    static Grammar clean(String start, Map<String, Expr> rules) {
        Set<String> productive = productiveRules(rules);
        if (!productive.contains(start)) {
            throw new SchemaCompileException("schema", "", "no JSON value satisfies the schema");
        }
        Map<String, Expr> live = new LinkedHashMap<>();
        for (var e : rules.entrySet()) {
            if (productive.contains(e.getKey())) live.put(e.getKey(), prune(e.getValue(), productive));
        }
        Map<String, Expr> leaves = new HashMap<>();
        for (var e : live.entrySet()) {
            if (!e.getKey().equals(start) && !hasRef(e.getValue())) leaves.put(e.getKey(), e.getValue());
        }
        Map<String, Expr> inlined = new LinkedHashMap<>();
        for (var e : live.entrySet()) {
            if (!leaves.containsKey(e.getKey())) inlined.put(e.getKey(), inline(e.getValue(), leaves));
        }
        return new Grammar(start, reachable(start, inlined));
    }

    /** Worklist fixpoint: a rule is productive once its body can derive a terminal string. */
    private static Set<String> productiveRules(Map<String, Expr> rules) {
        Map<String, List<String>> users = new HashMap<>();
        for (var e : rules.entrySet()) {
            for (String r : refs(e.getValue())) users.computeIfAbsent(r, k -> new ArrayList<>()).add(e.getKey());
        }
        Set<String> productive = new HashSet<>();
        ArrayDeque<String> work = new ArrayDeque<>(rules.keySet());
        while (!work.isEmpty()) {
            String r = work.pop();
            if (productive.contains(r) || !productive(rules.get(r), productive)) continue;
            productive.add(r);
            work.addAll(users.getOrDefault(r, List.of()));
        }
        return productive;
    }

    private static boolean productive(Expr e, Set<String> productive) {
        return switch (e) {
            case Expr.Nothing n -> false;
            case Expr.Seq s -> s.items().stream().allMatch(i -> productive(i, productive));
            case Expr.Alt a -> a.options().stream().anyMatch(o -> productive(o, productive));
            case Expr.Repeat r -> r.min() == 0 || productive(r.body(), productive);
            case Expr.Ref r -> productive.contains(r.rule());
            default -> true;
        };
    }

    private static Expr prune(Expr e, Set<String> productive) {
        return switch (e) {
            case Expr.Seq s -> {
                List<Expr> items = s.items().stream().map(i -> prune(i, productive)).toList();
                yield items.stream().anyMatch(i -> i instanceof Expr.Nothing) ? Expr.nothing() : Expr.seq(items);
            }
            case Expr.Alt a -> {
                List<Expr> opts = a.options().stream().map(o -> prune(o, productive))
                        .filter(o -> !(o instanceof Expr.Nothing)).toList();
                yield opts.isEmpty() ? Expr.nothing() : Expr.alt(opts);
            }
            case Expr.Repeat r -> {
                Expr body = prune(r.body(), productive);
                if (body instanceof Expr.Nothing) yield r.min() == 0 ? Expr.empty() : Expr.nothing();
                yield body == r.body() ? r : Expr.repeat(body, r.min(), r.max());
            }
            case Expr.Ref r -> productive.contains(r.rule()) ? r : Expr.nothing();
            default -> e;
        };
    }

    private static Expr inline(Expr e, Map<String, Expr> leaves) {
        return switch (e) {
            case Expr.Seq s -> Expr.seq(s.items().stream().map(i -> inline(i, leaves)).toList());
            case Expr.Alt a -> Expr.alt(a.options().stream().map(o -> inline(o, leaves)).toList());
            case Expr.Repeat r -> Expr.repeat(inline(r.body(), leaves), r.min(), r.max());
            case Expr.Ref r -> leaves.getOrDefault(r.rule(), r);
            default -> e;
        };
    }

    private static boolean hasRef(Expr e) {
        return !refs(e).isEmpty();
    }

    /** Rule references outside tokens (tokens never contain any). */
    private static List<String> refs(Expr e) {
        List<String> out = new ArrayList<>();
        collectRefs(e, out);
        return out;
    }

    private static void collectRefs(Expr e, List<String> out) {
        switch (e) {
            case Expr.Seq s -> s.items().forEach(i -> collectRefs(i, out));
            case Expr.Alt a -> a.options().forEach(o -> collectRefs(o, out));
            case Expr.Repeat r -> collectRefs(r.body(), out);
            case Expr.Ref r -> out.add(r.rule());
            default -> { }
        }
    }

    private static Map<String, Expr> reachable(String start, Map<String, Expr> rules) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> work = new ArrayDeque<>(List.of(start));
        while (!work.isEmpty()) {
            String r = work.pop();
            if (seen.add(r)) work.addAll(refs(rules.get(r)));
        }
        Map<String, Expr> out = new LinkedHashMap<>();
        for (var e : rules.entrySet()) {
            if (seen.contains(e.getKey())) out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
