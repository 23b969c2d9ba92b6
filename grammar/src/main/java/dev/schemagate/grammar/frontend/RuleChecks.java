package dev.schemagate.grammar.frontend;

import dev.schemagate.grammar.Expr;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks every front end runs on its rules before compiling: each rule reachable from the start must derive at
 * least one finite string. A rule that fails is named, with the place it is defined. Left recursion is not
 * refused: the mask engine parses with Earley, which handles it.
 */
public final class RuleChecks {
    private RuleChecks() {}

    /**
     * @param rules every rule; all references are defined
     * @param definedAt where each rule is defined
     * @throws InvalidGrammarException naming a rule that derives no finite string
     */
    public static void requireFiniteDerivations(String start, Map<String, Expr> rules, Map<String, SourcePos> definedAt) {
        Set<String> productive = productiveRules(rules);
        if (productive.contains(start)) {
            for (String rule : new RuleGraph(rules).reachableFrom(start)) {
                if (!productive.contains(rule)) throw refusal(rule, start, rules, productive, definedAt);
            }
            return;
        }
        throw refusal(start, start, rules, productive, definedAt);
    }

    /**
     * The rule to blame among the unproductive ones reachable from {@code found}: one that is unproductive by
     * itself or with its own cycle, not merely because it refers to another unproductive rule.
     */
    private static InvalidGrammarException refusal(String found, String start, Map<String, Expr> rules,
                                                   Set<String> productive, Map<String, SourcePos> definedAt) {
        RuleGraph graph = new RuleGraph(rules);
        String blamed = found;
        for (String rule : graph.reachableFrom(found)) {
            if (productive.contains(rule)) continue;
            boolean rootCause = graph.refsOf(rule).stream()
                    .allMatch(r -> productive.contains(r) || graph.sameComponent(r, rule));
            if (rootCause) {
                blamed = rule;
                break;
            }
        }
        SourcePos at = definedAt.getOrDefault(blamed, new SourcePos(1, 1));
        String what = graph.recursive(blamed)
                ? "rule '" + blamed + "' never finishes: every way to match it refers back to itself (no finite derivation)"
                : "rule '" + blamed + "' matches no string (its language is empty)";
        if (!productive.contains(start)) what += ", so the grammar matches nothing";
        return at.error(blamed, what);
    }

    private static Set<String> productiveRules(Map<String, Expr> rules) {
        Set<String> productive = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var e : rules.entrySet()) {
                if (!productive.contains(e.getKey()) && productive(e.getValue(), productive)) {
                    productive.add(e.getKey());
                    changed = true;
                }
            }
        }
        return productive;
    }

    static boolean productive(Expr e, Set<String> productiveRules) {
        return switch (e) {
            case Expr.Nothing n -> false;
            case Expr.Seq s -> s.items().stream().allMatch(i -> productive(i, productiveRules));
            case Expr.Alt a -> a.options().stream().anyMatch(o -> productive(o, productiveRules));
            case Expr.Repeat r -> r.min() == 0 || r.max() == 0 || productive(r.body(), productiveRules);
            case Expr.Ref r -> productiveRules.contains(r.rule());
            case Expr.Token t -> productive(t.body(), productiveRules);
            case Expr.And a -> a.parts().stream().allMatch(p -> productive(p, productiveRules));
            default -> true;
        };
    }

    /** Rules that can match the empty string. */
    static Map<String, Boolean> nullableRules(Map<String, Expr> rules) {
        Map<String, Boolean> nullable = new HashMap<>();
        rules.keySet().forEach(r -> nullable.put(r, false));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var e : rules.entrySet()) {
                if (!nullable.get(e.getKey()) && nullable(e.getValue(), nullable)) {
                    nullable.put(e.getKey(), true);
                    changed = true;
                }
            }
        }
        return nullable;
    }

    static boolean nullable(Expr e, Map<String, Boolean> nullableRules) {
        return switch (e) {
            case Expr.Empty n -> true;
            case Expr.Literal l -> l.text().isEmpty();
            case Expr.Seq s -> s.items().stream().allMatch(i -> nullable(i, nullableRules));
            case Expr.Alt a -> a.options().stream().anyMatch(o -> nullable(o, nullableRules));
            case Expr.Repeat r -> r.min() == 0 || nullable(r.body(), nullableRules);
            case Expr.Ref r -> nullableRules.getOrDefault(r.rule(), false);
            case Expr.Token t -> nullable(t.body(), nullableRules);
            default -> false;
        };
    }
}
