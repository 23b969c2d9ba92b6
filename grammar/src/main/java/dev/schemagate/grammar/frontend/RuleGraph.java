package dev.schemagate.grammar.frontend;

import dev.schemagate.grammar.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rules refer to which, and the strongly connected components of that graph (iterative Tarjan, so a long
 * chain of rules cannot overflow the stack). Components come out callees first.
 */
final class RuleGraph {
    final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[][] refs;
    private final int[] component;
    /** Components in reverse topological order: every rule a component refers to is in it or an earlier one. */
    final List<List<String>> components = new ArrayList<>();

    RuleGraph(Map<String, Expr> rules) {
        names = List.copyOf(rules.keySet());
        for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
        refs = new int[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            Set<String> out = new LinkedHashSet<>();
            collectRefs(rules.get(names.get(i)), out);
            refs[i] = out.stream().filter(index::containsKey).mapToInt(index::get).toArray();
        }
        component = new int[names.size()];
        tarjan();
    }

    /** The rule names {@code e} refers to, outside tokens. */
    static void collectRefs(Expr e, Set<String> out) {
        switch (e) {
            case Expr.Ref r -> out.add(r.rule());
            case Expr.Seq s -> s.items().forEach(i -> collectRefs(i, out));
            case Expr.Alt a -> a.options().forEach(o -> collectRefs(o, out));
            case Expr.Repeat r -> collectRefs(r.body(), out);
            default -> {}
        }
    }

    List<String> refsOf(String rule) {
        return Arrays.stream(refs[index.get(rule)]).mapToObj(names::get).toList();
    }

    /** True when the rule can reach itself through references. */
    boolean recursive(String rule) {
        int i = index.get(rule);
        for (int r : refs[i]) {
            if (component[r] == component[i]) return true;
        }
        return false;
    }

    boolean sameComponent(String a, String b) {
        return component[index.get(a)] == component[index.get(b)];
    }

    /** Rules reachable from {@code start}, in breadth-first order. */
    List<String> reachableFrom(String start) {
        boolean[] seen = new boolean[names.size()];
        List<String> out = new ArrayList<>();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        int s = index.get(start);
        seen[s] = true;
        work.add(s);
        while (!work.isEmpty()) {
            int i = work.poll();
            out.add(names.get(i));
            for (int r : refs[i]) {
                if (!seen[r]) {
                    seen[r] = true;
                    work.add(r);
                }
            }
        }
        return out;
    }

    private void tarjan() {
        int n = names.size();
        int[] low = new int[n], order = new int[n], edge = new int[n];
        Arrays.fill(order, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n], call = new int[n];
        int sp = 0, counter = 0;
        for (int root = 0; root < n; root++) {
            if (order[root] >= 0) continue;
            int depth = 0;
            call[depth++] = root;
            order[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth > 0) {
                int v = call[depth - 1];
                if (edge[v] < refs[v].length) {
                    int w = refs[v][edge[v]++];
                    if (order[w] < 0) {
                        order[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        call[depth++] = w;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], order[w]);
                    }
                    continue;
                }
                depth--;
                if (depth > 0) low[call[depth - 1]] = Math.min(low[call[depth - 1]], low[v]);
                if (low[v] == order[v]) {
                    List<String> members = new ArrayList<>();
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        component[w] = components.size();
                        members.add(names.get(w));
                    } while (w != v);
                    components.add(members);
                }
            }
        }
    }
}
