package dev.schemagate.grammar.frontend;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts lexemes ({@link Expr.Token}s) into a grammar written over characters (GBNF has no lexer), keeping its
 * language exactly.
 *
 * <p>The mask engine lexes greedily: a lexeme goes on while any lexeme the parser expects at its start can
 * still continue, and ends only when the next byte continues none of them. So wrapping a regular piece X of
 * the grammar into one token is safe when, for every lexeme Y that can be expected together with X, no word
 * x of X followed by a character c that can follow X is a prefix of a word of Y. Then the greedy split of any
 * sentence is a split the grammar itself allows. Lexemes expected together are over-approximated from FOLLOW
 * sets: after a lexeme Z the parser expects only lexemes of FOLLOW(Z') for lexemes Z' that matched the same
 * text, i.e. whose languages overlap Z's.
 *
 * <p>Candidates start large: every maximal run of regular items in a sequence, grouped into segments (an item
 * with the optional items after it, like a value and its trailing whitespace). A candidate that breaks the
 * condition is split into its parts and the check runs again. Single characters always satisfy it, so this
 * ends, at worst with one lexeme per character; over the work budget it goes there directly.
 */
public final class LexemeInference {
    private static final int MAX_INLINED_NODES = 20_000;
    private static final int MAX_AUTOMATON_POSITIONS = 2_000;
    private static final int MAX_STATE_PAIRS = 100_000;
    private static final int MAX_ROUNDS = 48;
    private static final int MAX_LEXEMES_CHECKED = 3_000;

    private final String start;
    private final Map<String, Expr> bodies = new LinkedHashMap<>();
    private final Set<String> regular = new HashSet<>();
    private final Map<String, Boolean> nullableRules;
    private final Map<Expr, Boolean> regularNodes = new IdentityHashMap<>();
    private final Map<String, Expr> inlinedRules = new HashMap<>();
    private final Set<Expr> split = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Expr, CharNfa> automata = new HashMap<>();
    private boolean splitEverything;

    private LexemeInference(String start, Map<String, Expr> rules) {
        this.start = start;
        this.nullableRules = RuleChecks.nullableRules(rules);
        RuleGraph graph = new RuleGraph(rules);
        Map<String, Long> sizes = new HashMap<>();
        for (List<String> component : graph.components) {
            String rule = component.getFirst();
            if (component.size() > 1 || graph.recursive(rule)) continue;
            if (!graph.refsOf(rule).stream().allMatch(regular::contains)) continue;
            long size = treeSize(rules.get(rule), sizes);
            sizes.put(rule, size);
            if (size <= MAX_INLINED_NODES) regular.add(rule);
        }
        rules.forEach((name, body) -> bodies.put(name, group(body)));
    }

    /**
     * The same language with lexemes inferred.
     *
     * @param rules rules over characters (Literal, CharClass, Seq, Alt, Repeat, Ref, Empty, Nothing); every
     *              reference defined
     */
    public static Grammar infer(String start, Map<String, Expr> rules) {
        LexemeInference inference = new LexemeInference(start, rules);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Emission emission = inference.emit();
            if (emission.lexemes.size() > MAX_LEXEMES_CHECKED) break;
            Set<Integer> unsafe = inference.unsafeLexemes(emission);
            if (unsafe.isEmpty()) return new Grammar(start, emission.rules);
            for (int id : unsafe) inference.split.addAll(emission.lexemes.get(id).sources);
        }
        inference.splitEverything = true;
        return new Grammar(start, inference.emit().rules);
    }

    // ---- candidates -------------------------------------------------------------------------------------

    private static long treeSize(Expr e, Map<String, Long> ruleSizes) {
        return switch (e) {
            case Expr.Seq s -> 1 + s.items().stream().mapToLong(i -> treeSize(i, ruleSizes)).sum();
            case Expr.Alt a -> 1 + a.options().stream().mapToLong(o -> treeSize(o, ruleSizes)).sum();
            case Expr.Repeat r -> 1 + treeSize(r.body(), ruleSizes);
            case Expr.Ref r -> ruleSizes.getOrDefault(r.rule(), (long) MAX_INLINED_NODES + 1);
            default -> 1;
        };
    }

    /** True when {@code e} refers to no rule that must stay context-free. */
    private boolean regularNode(Expr e) {
        Boolean known = regularNodes.get(e);
        if (known != null) return known;
        boolean r = switch (e) {
            case Expr.Ref ref -> regular.contains(ref.rule());
            case Expr.Seq s -> s.items().stream().allMatch(this::regularNode);
            case Expr.Alt a -> a.options().stream().allMatch(this::regularNode);
            case Expr.Repeat rep -> regularNode(rep.body());
            default -> true;
        };
        regularNodes.put(e, r);
        return r;
    }

    /** Regroups sequences (same language) so that runs of regular items and their segments are single nodes. */
    private Expr group(Expr e) {
        return switch (e) {
            case Expr.Seq s -> groupSequence(s.items().stream().map(this::group).toList());
            case Expr.Alt a -> new Expr.Alt(a.options().stream().map(this::group).toList());
            case Expr.Repeat r -> new Expr.Repeat(group(r.body()), r.min(), r.max());
            default -> e;
        };
    }

    private Expr groupSequence(List<Expr> items) {
        List<Expr> out = new ArrayList<>();
        List<Expr> run = new ArrayList<>();
        for (Expr item : items) {
            if (regularNode(item)) {
                run.add(item);
            } else {
                flushRun(run, out);
                out.add(item);
            }
        }
        flushRun(run, out);
        return out.isEmpty() ? Expr.empty() : Expr.seq(out);
    }

    /** A run becomes segments: each item that must match something, with the optional items after it. */
    private void flushRun(List<Expr> run, List<Expr> out) {
        if (run.isEmpty()) return;
        List<Expr> segments = new ArrayList<>();
        List<Expr> segment = new ArrayList<>();
        boolean solid = false;
        for (Expr item : run) {
            boolean optional = RuleChecks.nullable(item, nullableRules);
            if (!optional && solid) {
                segments.add(Expr.seq(List.copyOf(segment)));
                segment.clear();
                solid = false;
            }
            segment.add(item);
            solid |= !optional;
        }
        segments.add(Expr.seq(List.copyOf(segment)));
        out.add(Expr.seq(segments));
        run.clear();
    }

    private Expr inline(Expr e) {
        return switch (e) {
            case Expr.Ref r -> {
                Expr known = inlinedRules.get(r.rule());
                if (known == null) {
                    known = inline(bodies.get(r.rule()));
                    inlinedRules.put(r.rule(), known);
                }
                yield known;
            }
            case Expr.Seq s -> {
                List<Expr> items = new ArrayList<>();
                for (Expr item : s.items()) {
                    Expr x = inline(item);
                    if (x instanceof Expr.Seq inner) items.addAll(inner.items());
                    else if (!(x instanceof Expr.Empty)) items.add(x);
                }
                yield items.isEmpty() ? Expr.empty() : Expr.seq(items);
            }
            case Expr.Alt a -> {
                List<Expr> options = new ArrayList<>();
                for (Expr o : a.options()) {
                    Expr x = inline(o);
                    if (x instanceof Expr.Alt inner) options.addAll(inner.options());
                    else options.add(x);
                }
                yield Expr.alt(options);
            }
            case Expr.Repeat r -> new Expr.Repeat(inline(r.body()), r.min(), r.max());
            default -> e;
        };
    }

    // ---- emission ---------------------------------------------------------------------------------------

    private static final class Lexeme {
        final Expr regex;
        final List<Expr> sources = new ArrayList<>();

        Lexeme(Expr regex) {
            this.regex = regex;
        }
    }

    private static final class Emission {
        final Map<String, Expr> rules = new LinkedHashMap<>();
        final List<Lexeme> lexemes = new ArrayList<>();
        final Map<Expr, Integer> byRegex = new HashMap<>();
        final Map<Expr.Token, Integer> tokens = new IdentityHashMap<>();
        final ArrayDeque<String> pending = new ArrayDeque<>();

        Expr lexeme(Expr source, Expr regex) {
            if (onlyEmpty(regex)) return Expr.empty();
            Integer id = byRegex.get(regex);
            if (id == null) {
                id = lexemes.size();
                lexemes.add(new Lexeme(regex));
                byRegex.put(regex, id);
            }
            lexemes.get(id).sources.add(source);
            Expr.Token t = new Expr.Token(regex);
            tokens.put(t, id);
            return t;
        }
    }

    private Emission emit() {
        Emission out = new Emission();
        out.pending.add(start);
        while (!out.pending.isEmpty()) {
            String rule = out.pending.poll();
            if (out.rules.containsKey(rule)) continue;
            boolean expand = regular.contains(rule) && !rule.equals(start);
            out.rules.put(rule, emit(bodies.get(rule), expand, out));
        }
        return out;
    }

    /** {@code structural}: emit e's own structure even if it is a regular candidate (a split regular rule's body). */
    private Expr emit(Expr e, boolean structural, Emission out) {
        if (!structural && !splitEverything && regularNode(e) && !split.contains(e)) return out.lexeme(e, inline(e));
        return switch (e) {
            case Expr.Seq s -> Expr.seq(s.items().stream().map(i -> emit(i, false, out)).toList());
            case Expr.Alt a -> Expr.alt(a.options().stream().map(o -> emit(o, false, out)).toList());
            case Expr.Repeat r -> new Expr.Repeat(emit(r.body(), false, out), r.min(), r.max());
            case Expr.Ref r -> {
                out.pending.add(r.rule());
                yield r;
            }
            case Expr.Literal l -> {
                int[] cps = l.text().codePoints().toArray();
                if (cps.length <= 1) yield out.lexeme(l, l);
                List<Expr> chars = new ArrayList<>();
                for (int cp : cps) {
                    Expr one = Expr.lit(Character.toString(cp));
                    chars.add(out.lexeme(one, one));
                }
                yield Expr.seq(chars);
            }
            case Expr.CharClass c -> out.lexeme(c, c);
            default -> e;
        };
    }

    // ---- the safety check -------------------------------------------------------------------------------

    /** Lexemes to split: those some expected-together lexeme can swallow the next character of. */
    private Set<Integer> unsafeLexemes(Emission em) {
        int n = em.lexemes.size();
        CharNfa[] nfa = new CharNfa[n];
        CodePointSet[] firstChars = new CodePointSet[n];
        long[][] firstLeads = new long[n][];
        boolean[] nullable = new boolean[n];
        for (int i = 0; i < n; i++) {
            Expr regex = em.lexemes.get(i).regex;
            if (!automata.containsKey(regex)) automata.put(regex, CharNfa.of(regex, MAX_AUTOMATON_POSITIONS));
            nfa[i] = automata.get(regex);
            firstChars[i] = firstChars(regex);
            firstLeads[i] = CharNfa.LeadBytes.of(firstChars[i]);
            nullable[i] = nullableRegex(regex);
        }
        LexemeFlow flow = new LexemeFlow(start, em.rules, em.tokens, nullable);

        long[][] followLeads = new long[n][];
        for (int x = 0; x < n; x++) {
            followLeads[x] = new long[4];
            BitSet f = flow.follow[x];
            for (int w = f.nextSetBit(0); w >= 0 && w < n; w = f.nextSetBit(w + 1)) {
                CharNfa.LeadBytes.addAll(followLeads[x], firstLeads[w]);
            }
        }
        // After lexeme z, the parser expects lexemes that follow any lexeme matching the same text as z.
        BitSet[] expectedAfter = new BitSet[n];
        for (int z = 0; z < n; z++) {
            expectedAfter[z] = (BitSet) flow.follow[z].clone();
            for (int z2 = 0; z2 < n; z2++) {
                if (z2 != z && CharNfa.intersects(firstChars[z], firstChars[z2]) && overlap(nfa[z], nfa[z2])) {
                    expectedAfter[z].or(flow.follow[z2]);
                }
            }
        }
        BitSet[] competitors = new BitSet[n];
        for (int x = 0; x < n; x++) {
            competitors[x] = new BitSet();
            competitors[x].set(x);
            if (flow.startFirst.get(x)) competitors[x].or(flow.startFirst);
        }
        for (int z = 0; z < n; z++) {
            BitSet f = flow.follow[z];
            for (int x = f.nextSetBit(0); x >= 0 && x < n; x = f.nextSetBit(x + 1)) competitors[x].or(expectedAfter[z]);
        }

        Set<Integer> unsafe = new HashSet<>();
        for (int x = 0; x < n; x++) {
            if (CharNfa.LeadBytes.isEmpty(followLeads[x])) continue;
            BitSet ys = competitors[x];
            for (int y = ys.nextSetBit(0); y >= 0 && y < n; y = ys.nextSetBit(y + 1)) {
                if (!CharNfa.intersects(firstChars[x], firstChars[y])) continue;
                if (nfa[y] != null && !nfa[y].longerThanOneCodePoint()) continue;
                if (nfa[x] == null) {
                    unsafe.add(x);
                } else if (nfa[y] == null || CharNfa.extendsInto(nfa[x], followLeads[x], nfa[y], MAX_STATE_PAIRS)) {
                    unsafe.add(y);
                }
            }
        }
        return unsafe;
    }

    private static boolean overlap(CharNfa a, CharNfa b) {
        return a == null || b == null || CharNfa.overlap(a, b, MAX_STATE_PAIRS);
    }

    // ---- plain regular expressions (no Ref, no Token) -----------------------------------------------------

    private static boolean onlyEmpty(Expr e) {
        return switch (e) {
            case Expr.Empty x -> true;
            case Expr.Nothing x -> true;
            case Expr.Literal l -> l.text().isEmpty();
            case Expr.CharClass c -> c.set().isEmpty();
            case Expr.Seq s -> s.items().stream().allMatch(LexemeInference::onlyEmpty);
            case Expr.Alt a -> a.options().stream().allMatch(LexemeInference::onlyEmpty);
            case Expr.Repeat r -> r.max() == 0 || onlyEmpty(r.body());
            default -> false;
        };
    }

    private static boolean nullableRegex(Expr e) {
        return switch (e) {
            case Expr.Empty x -> true;
            case Expr.Literal l -> l.text().isEmpty();
            case Expr.Seq s -> s.items().stream().allMatch(LexemeInference::nullableRegex);
            case Expr.Alt a -> a.options().stream().anyMatch(LexemeInference::nullableRegex);
            case Expr.Repeat r -> r.min() == 0 || nullableRegex(r.body());
            default -> false;
        };
    }

    private static CodePointSet firstChars(Expr e) {
        return switch (e) {
            case Expr.Literal l -> l.text().isEmpty() ? CodePointSet.NONE : CodePointSet.of(l.text().codePointAt(0));
            case Expr.CharClass c -> c.set();
            case Expr.Seq s -> {
                CodePointSet out = CodePointSet.NONE;
                for (Expr item : s.items()) {
                    out = out.union(firstChars(item));
                    if (!nullableRegex(item)) break;
                }
                yield out;
            }
            case Expr.Alt a -> {
                CodePointSet out = CodePointSet.NONE;
                for (Expr o : a.options()) out = out.union(firstChars(o));
                yield out;
            }
            case Expr.Repeat r -> r.max() == 0 ? CodePointSet.NONE : firstChars(r.body());
            default -> CodePointSet.NONE;
        };
    }
}
