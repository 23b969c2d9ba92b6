package dev.schemagate.fsm.frontends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import dev.schemagate.grammar.gbnf.GbnfCompiler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lexeme inference must never change a grammar's language. Random GBNF grammars over a small alphabet (where
 * keywords, identifiers and separators collide on purpose) run through the mask engine token by token, over
 * random tokenizations in a vocabulary of many short multi-character tokens ({@link SmallVocabulary}); on
 * sentences derived from the grammar, their mutations and random strings, the engine must accept exactly
 * what the character-level reference recognizer accepts.
 */
class RandomGbnfTest {
    private static final String ALPHABET = "abc é";
    private static final SmallVocabulary VOCABULARY = new SmallVocabulary();
    private final Random random = new Random(20251123);

    @Test
    void inferredLexemesKeepTheLanguage() {
        int grammars = 0, samples = 0, accepted = 0;
        for (int attempt = 0; grammars < 120 && attempt < 2_000; attempt++) {
            String text = randomGrammar();
            Grammar g;
            try {
                g = GbnfCompiler.compile(text);
            } catch (InvalidGrammarException emptyOrEndless) {
                continue;
            }
            Set<String> strings = new LinkedHashSet<>();
            for (int i = 0; i < 12; i++) {
                String s = derive(g, new Expr.Ref(g.start()), 0);
                if (s != null) {
                    strings.add(s);
                    strings.add(mutate(s));
                }
            }
            for (int i = 0; i < 6; i++) strings.add(randomString());
            List<Boolean> expected = new ArrayList<>();
            try {
                for (String s : strings) expected.add(ReferenceRecognizer.accepts(g, s));
            } catch (GrammarException leftRecursive) {
                continue;
            }
            grammars++;
            CompiledConstraint constraint = VOCABULARY.engine.compile(g);
            int i = 0;
            for (String s : strings) {
                boolean want = expected.get(i++);
                assertEquals(want, VOCABULARY.accepts(constraint, s, random), () -> "grammar\n" + text + "on " + Llama3.show(s));
                samples++;
                if (want) accepted++;
            }
        }
        assertTrue(grammars >= 100 && accepted > samples / 5, "too few usable cases: " + grammars + " grammars, "
                + accepted + " of " + samples + " strings accepted");
    }

    private String randomGrammar() {
        int rules = 2 + random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rules; r++) {
            sb.append(r == 0 ? "root" : "r" + r).append(" ::= ").append(alternatives(rules, 0)).append('\n');
        }
        return sb.toString();
    }

    private String alternatives(int rules, int depth) {
        int n = 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
        List<String> options = new ArrayList<>();
        for (int i = 0; i < n; i++) options.add(sequence(rules, depth));
        return String.join(" | ", options);
    }

    private String sequence(int rules, int depth) {
        int n = 1 + random.nextInt(3);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) items.add(item(rules, depth));
        return String.join(" ", items);
    }

    private String item(int rules, int depth) {
        String atom = switch (random.nextInt(depth >= 2 ? 3 : 5)) {
            case 0 -> '"' + randomWord(1 + random.nextInt(3)) + '"';
            case 1 -> randomClass();
            case 2 -> "r" + (1 + random.nextInt(rules - 1));
            default -> "(" + alternatives(rules, depth + 1) + ")";
        };
        return atom + switch (random.nextInt(8)) {
            case 0 -> "*";
            case 1 -> "+";
            case 2 -> "?";
            case 3 -> "{" + random.nextInt(2) + "," + (1 + random.nextInt(2)) + "}";
            default -> "";
        };
    }

    private String randomClass() {
        StringBuilder sb = new StringBuilder("[");
        if (random.nextInt(4) == 0) sb.append('^');
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        if (random.nextInt(3) == 0) sb.append("a-c");
        return sb.append(']').toString();
    }

    private String randomWord(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    private String randomString() {
        return randomWord(random.nextInt(7));
    }

    private String mutate(String s) {
        int at = s.isEmpty() ? 0 : random.nextInt(s.length());
        return switch (random.nextInt(3)) {
            case 0 -> s.substring(0, at) + ALPHABET.charAt(random.nextInt(ALPHABET.length())) + s.substring(at);
            case 1 -> s.isEmpty() ? s : s.substring(0, at) + s.substring(at + 1);
            default -> s + s;
        };
    }

    /** A random string of the language (null when the derivation got too deep). */
    private String derive(Grammar g, Expr e, int depth) {
        if (depth > 30) return null;
        return switch (e) {
            case Expr.Empty x -> "";
            case Expr.Nothing x -> null;
            case Expr.Literal l -> l.text();
            case Expr.CharClass c -> member(c.set());
            case Expr.Token t -> derive(g, t.body(), depth + 1);
            case Expr.Ref r -> derive(g, g.rules().get(r.rule()), depth + 1);
            case Expr.Seq s -> {
                StringBuilder sb = new StringBuilder();
                for (Expr item : s.items()) {
                    String part = derive(g, item, depth + 1);
                    if (part == null) yield null;
                    sb.append(part);
                }
                yield sb.toString();
            }
            case Expr.Alt a -> derive(g, a.options().get(random.nextInt(a.options().size())), depth + 1);
            case Expr.Repeat r -> {
                int max = r.max() == Expr.UNBOUNDED ? r.min() + 3 : Math.min(r.max(), r.min() + 3);
                int n = r.min() + random.nextInt(max - r.min() + 1);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    String part = derive(g, r.body(), depth + 1);
                    if (part == null) yield null;
                    sb.append(part);
                }
                yield sb.toString();
            }
            default -> null;
        };
    }

    private String member(CodePointSet set) {
        List<Integer> candidates = new ArrayList<>();
        ALPHABET.codePoints().filter(set::contains).forEach(candidates::add);
        if (set.contains('d')) candidates.add((int) 'd');
        if (candidates.isEmpty()) return set.isEmpty() ? null : Character.toString(set.lo(0));
        return Character.toString(candidates.get(random.nextInt(candidates.size())));
    }
}
