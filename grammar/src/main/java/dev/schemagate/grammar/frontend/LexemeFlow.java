package dev.schemagate.grammar.frontend;

import dev.schemagate.grammar.Expr;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * FIRST and FOLLOW sets over lexemes of a grammar whose terminals are {@link Expr.Token}s: which lexemes can
 * begin a sentence, and which can come right after each lexeme (bit {@code lexemeCount} stands for the end
 * of input). A token whose body matches the empty string counts as optional, as the mask engine lowers it.
 */
final class LexemeFlow {
    private final Map<String, Expr> rules;
    private final Map<Expr.Token, Integer> ids;
    private final boolean[] lexemeNullable;
    private final int end;
    private final Map<String, Boolean> ruleNullable = new HashMap<>();
    private final Map<String, BitSet> ruleFirst = new HashMap<>();
    private final Map<String, BitSet> ruleFollow = new HashMap<>();
    private final Map<Expr, BitSet> firstMemo = new IdentityHashMap<>();
    private final Map<Expr, Boolean> nullableMemo = new IdentityHashMap<>();
    private boolean settled;
    private boolean changed;
    final BitSet[] follow;
    final BitSet startFirst;

    LexemeFlow(String start, Map<String, Expr> rules, Map<Expr.Token, Integer> ids, boolean[] lexemeNullable) {
        this.rules = rules;
        this.ids = ids;
        this.lexemeNullable = lexemeNullable;
        this.end = lexemeNullable.length;
        this.follow = new BitSet[end];
        for (int i = 0; i < end; i++) follow[i] = new BitSet();
        for (String r : rules.keySet()) {
            ruleNullable.put(r, false);
            ruleFirst.put(r, new BitSet());
            ruleFollow.put(r, new BitSet());
        }
        do {
            changed = false;
            for (var e : rules.entrySet()) {
                if (!ruleNullable.get(e.getKey()) && nullable(e.getValue())) {
                    ruleNullable.put(e.getKey(), true);
                    changed = true;
                }
            }
        } while (changed);
        do {
            changed = false;
            for (var e : rules.entrySet()) {
                BitSet f = ruleFirst.get(e.getKey());
                int before = f.cardinality();
                f.or(first(e.getValue()));
                changed |= f.cardinality() != before;
            }
        } while (changed);
        settled = true;
        ruleFollow.get(start).set(end);
        do {
            changed = false;
            for (var e : rules.entrySet()) walk(e.getValue(), ruleFollow.get(e.getKey()));
        } while (changed);
        startFirst = (BitSet) ruleFirst.get(start).clone();
        if (ruleNullable.get(start)) startFirst.set(end);
    }

    private boolean nullable(Expr e) {
        if (settled) {
            Boolean m = nullableMemo.get(e);
            if (m != null) return m;
        }
        boolean n = switch (e) {
            case Expr.Token t -> lexemeNullable[ids.get(t)];
            case Expr.Empty x -> true;
            case Expr.Seq s -> s.items().stream().allMatch(this::nullable);
            case Expr.Alt a -> a.options().stream().anyMatch(this::nullable);
            case Expr.Repeat r -> r.min() == 0 || nullable(r.body());
            case Expr.Ref r -> ruleNullable.get(r.rule());
            default -> false;
        };
        if (settled) nullableMemo.put(e, n);
        return n;
    }

    private BitSet first(Expr e) {
        if (settled) {
            BitSet m = firstMemo.get(e);
            if (m != null) return m;
        }
        BitSet out = new BitSet();
        switch (e) {
            case Expr.Token t -> out.set(ids.get(t));
            case Expr.Seq s -> {
                for (Expr item : s.items()) {
                    out.or(first(item));
                    if (!nullable(item)) break;
                }
            }
            case Expr.Alt a -> a.options().forEach(o -> out.or(first(o)));
            case Expr.Repeat r -> {
                if (r.max() != 0) out.or(first(r.body()));
            }
            case Expr.Ref r -> out.or(ruleFirst.get(r.rule()));
            default -> {}
        }
        if (settled) firstMemo.put(e, out);
        return out;
    }

    private void walk(Expr e, BitSet after) {
        switch (e) {
            case Expr.Token t -> addAll(follow[ids.get(t)], after);
            case Expr.Seq s -> {
                BitSet cur = after;
                for (int i = s.items().size() - 1; i >= 0; i--) {
                    Expr item = s.items().get(i);
                    walk(item, cur);
                    BitSet next = (BitSet) first(item).clone();
                    if (nullable(item)) next.or(cur);
                    cur = next;
                }
            }
            case Expr.Alt a -> a.options().forEach(o -> walk(o, after));
            case Expr.Repeat r -> {
                if (r.max() == 0) return;
                BitSet inside = after;
                if (r.max() == Expr.UNBOUNDED || r.max() > 1) {
                    inside = (BitSet) after.clone();
                    inside.or(first(r.body()));
                }
                walk(r.body(), inside);
            }
            case Expr.Ref r -> addAll(ruleFollow.get(r.rule()), after);
            default -> {}
        }
    }

    private void addAll(BitSet into, BitSet from) {
        int before = into.cardinality();
        into.or(from);
        if (into.cardinality() != before) changed = true;
    }
}
