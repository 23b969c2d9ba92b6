package dev.schemagate.fsm.parser;

import dev.schemagate.fsm.regex.RegexArena;
import dev.schemagate.fsm.regex.RegexTranslator;
import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers the grammar IR to a {@link Cfg}: tokens become terminals (regexes in the shared arena), Alt and
 * Repeat become fresh nonterminals, rules become nonterminals. Unproductive symbols (empty lexemes, rules
 * that never finish) are pruned; an empty language is refused.
 */
public final class CfgBuilder {
    private static final int LIVENESS_BUDGET = 50_000;

    private final RegexArena arena;
    private final RegexTranslator regexes;
    private final int maxSymbols;
    private final Grammar grammar;
    private final List<int[]> productions = new ArrayList<>(); // [lhs, rhs...]
    private final Map<String, Integer> ruleIds = new HashMap<>();
    private final Map<Expr, Integer> memo = new IdentityHashMap<>();
    private int nonterminals;
    private int symbolCount;

    private CfgBuilder(Grammar grammar, RegexArena arena, Map<CodePointSet, Integer> classCache, int maxSymbols) {
        this.grammar = grammar;
        this.arena = arena;
        this.regexes = new RegexTranslator(arena, classCache);
        this.maxSymbols = maxSymbols;
    }

    /** @throws GrammarException on a malformed grammar, an empty language, or more than maxSymbols symbols */
    public static Cfg build(Grammar grammar, RegexArena arena, Map<CodePointSet, Integer> classCache, int maxSymbols) {
        return new CfgBuilder(grammar, arena, classCache, maxSymbols).build();
    }

    private Cfg build() {
        int start = newNonterminal(); // S'
        int root = rule(grammar.start());
        addProduction(start, new int[] {root});
        return finish();
    }

    private int rule(String name) {
        Integer id = ruleIds.get(name);
        if (id != null) return id;
        Expr body = grammar.rules().get(name);
        if (body == null) throw new GrammarException("undefined rule '" + name + "'");
        int nt = newNonterminal();
        ruleIds.put(name, nt);
        addAlternatives(nt, body);
        return nt;
    }

    private void addAlternatives(int nt, Expr body) {
        if (body instanceof Expr.Alt alt) {
            for (Expr option : alt.options()) addProduction(nt, sequence(option));
        } else {
            addProduction(nt, sequence(body));
        }
    }

    /** The symbols of one production for e, flattening nested sequences. */
    private int[] sequence(Expr e) {
        List<Integer> out = new ArrayList<>();
        appendSequence(e, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void appendSequence(Expr e, List<Integer> out) {
        switch (e) {
            case Expr.Seq s -> s.items().forEach(item -> appendSequence(item, out));
            case Expr.Empty n -> {
            }
            default -> out.add(symbol(e));
        }
    }

    private int symbol(Expr e) {
        Integer m = memo.get(e);
        if (m != null) return m;
        int s = switch (e) {
            case Expr.Token t -> terminal(t.body());
            case Expr.Literal l -> terminal(l);
            case Expr.CharClass c -> terminal(c);
            case Expr.Ref r -> rule(r.rule());
            case Expr.Nothing n -> newNonterminal(); // no production: unproductive, pruned below
            case Expr.Empty n -> {
                int nt = newNonterminal();
                addProduction(nt, new int[0]);
                yield nt;
            }
            case Expr.Seq seq -> {
                int nt = newNonterminal();
                addProduction(nt, sequence(seq));
                yield nt;
            }
            case Expr.Alt alt -> {
                int nt = newNonterminal();
                addAlternatives(nt, alt);
                yield nt;
            }
            case Expr.Repeat r -> repeat(symbol(r.body()), r.min(), r.max());
            case Expr.And a -> throw new GrammarException("intersection (And) is only allowed inside a token");
            case Expr.Not n -> throw new GrammarException("complement (Not) is only allowed inside a token");
        };
        memo.put(e, s);
        return s;
    }

    private int terminal(Expr body) {
        int regex = regexes.translate(body);
        if (arena.isNullable(regex)) {
            // A lexeme must consume input; its empty match becomes an optional occurrence in the grammar.
            int nonEmpty = arena.and(regex, arena.not(RegexArena.EPSILON));
            int nt = newNonterminal();
            addProduction(nt, new int[0]);
            addProduction(nt, new int[] {Cfg.terminal(nonEmpty)});
            return nt;
        }
        return Cfg.terminal(regex);
    }

    private int repeat(int body, int min, int max) {
        int tail;
        if (max == Expr.UNBOUNDED) {
            tail = newNonterminal(); // T -> ε | T body (left recursion: cheap for Earley)
            addProduction(tail, new int[0]);
            addProduction(tail, new int[] {tail, body});
        } else {
            // O_k -> ε | body O_{k-1}: linear in max - min.
            tail = -1;
            for (int k = 0; k < max - min; k++) {
                int nt = newNonterminal();
                addProduction(nt, new int[0]);
                addProduction(nt, tail < 0 ? new int[] {body} : new int[] {body, tail});
                tail = nt;
            }
        }
        int nt = newNonterminal();
        int[] rhs = new int[min + (tail < 0 ? 0 : 1)];
        Arrays.fill(rhs, 0, min, body);
        if (tail >= 0) rhs[min] = tail;
        addProduction(nt, rhs);
        return nt;
    }

    private int newNonterminal() {
        return nonterminals++;
    }

    private void addProduction(int lhs, int[] rhs) {
        symbolCount += rhs.length + 1;
        if (symbolCount > maxSymbols) {
            throw new GrammarException("grammar too large: over " + maxSymbols + " symbols (e.g. a huge bounded repetition)");
        }
        int[] p = new int[rhs.length + 1];
        p[0] = lhs;
        System.arraycopy(rhs, 0, p, 1, rhs.length);
        productions.add(p);
    }

    private Cfg finish() {
        boolean[] productive = productiveNonterminals();
        if (!productive[0]) throw new GrammarException("the grammar's language is empty: no string satisfies it");
        List<int[]> kept = new ArrayList<>();
        for (int[] p : productions) {
            if (productive[p[0]] && rhsProductive(p, productive)) kept.add(p);
        }
        boolean[] nullable = nullableNonterminals(kept);
        int total = 0;
        for (int[] p : kept) total += p.length;
        int[] symbols = new int[total];
        int[] lhsAt = new int[total];
        List<List<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < nonterminals; i++) starts.add(new ArrayList<>());
        int pos = 0, acceptPosition = -1;
        for (int[] p : kept) {
            starts.get(p[0]).add(pos);
            for (int i = 1; i < p.length; i++) {
                lhsAt[pos] = p[0];
                symbols[pos++] = p[i];
            }
            if (p[0] == 0) acceptPosition = pos;
            lhsAt[pos] = p[0];
            symbols[pos++] = Cfg.END;
        }
        int[][] productionStarts = new int[nonterminals][];
        for (int i = 0; i < nonterminals; i++) productionStarts[i] = starts.get(i).stream().mapToInt(Integer::intValue).toArray();
        return new Cfg(symbols, lhsAt, productionStarts, nullable, acceptPosition);
    }

    private boolean rhsProductive(int[] p, boolean[] productive) {
        for (int i = 1; i < p.length; i++) {
            int s = p[i];
            if (Cfg.isTerminal(s) ? !arena.isLive(Cfg.lexemeOf(s), LIVENESS_BUDGET) : !productive[s]) return false;
        }
        return true;
    }

    private boolean[] productiveNonterminals() {
        boolean[] productive = new boolean[nonterminals];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] p : productions) {
                if (!productive[p[0]] && rhsProductive(p, productive)) {
                    productive[p[0]] = true;
                    changed = true;
                }
            }
        }
        return productive;
    }

    private boolean[] nullableNonterminals(List<int[]> kept) {
        boolean[] nullable = new boolean[nonterminals];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] p : kept) {
                if (nullable[p[0]]) continue;
                boolean all = true;
                for (int i = 1; i < p.length && all; i++) all = !Cfg.isTerminal(p[i]) && nullable[p[i]];
                if (all) {
                    nullable[p[0]] = true;
                    changed = true;
                }
            }
        }
        return nullable;
    }
}
