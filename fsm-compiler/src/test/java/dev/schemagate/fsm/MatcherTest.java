package dev.schemagate.fsm;

import static dev.schemagate.grammar.Expr.alt;
import static dev.schemagate.grammar.Expr.and;
import static dev.schemagate.grammar.Expr.cls;
import static dev.schemagate.grammar.Expr.lit;
import static dev.schemagate.grammar.Expr.not;
import static dev.schemagate.grammar.Expr.opt;
import static dev.schemagate.grammar.Expr.ref;
import static dev.schemagate.grammar.Expr.repeat;
import static dev.schemagate.grammar.Expr.seq;
import static dev.schemagate.grammar.Expr.star;
import static dev.schemagate.grammar.Expr.token;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatcherTest {
    static final TestVocabulary V = new TestVocabulary();
    static final MaskEngine ENGINE = new MaskEngine(V.vocabulary);

    static final Expr WS = star(cls(CodePointSet.chars(" \t\n\r")));
    static final Expr CHAR = alt(cls(CodePointSet.range(0x20, 0x10FFFF).minus(CodePointSet.chars("\"\\"))),
            seq(lit("\\"), cls(CodePointSet.chars("\"\\/bfnrt"))));
    static final Expr STRING = seq(lit("\""), star(CHAR), lit("\""));
    static final Expr INT = seq(opt(lit("-")), alt(lit("0"), seq(cls(CodePointSet.range('1', '9')), star(cls(CodePointSet.range('0', '9'))))));

    static Expr tok(Expr e) {
        return token(seq(WS, e));
    }

    /** {"a": int, "b"?: string (max 3 chars), extra keys (not a/b): int} */
    static Grammar objectGrammar() {
        Expr key = tok(and(STRING, not(alt(lit("\"a\""), lit("\"b\"")))));
        Expr extra = seq(tok(lit(",")), key, tok(lit(":")), tok(INT));
        Expr shortString = seq(lit("\""), repeat(CHAR, 0, 3), lit("\""));
        return Grammar.of(seq(tok(lit("{")), tok(lit("\"a\"")), tok(lit(":")), tok(INT),
                opt(seq(tok(lit(",")), tok(lit("\"b\"")), tok(lit(":")), tok(shortString))), star(extra), tok(lit("}"))));
    }

    /** value := int | "[" (value ("," value)*)? "]" : full recursion. */
    static Grammar nestedArrays() {
        Expr value = alt(tok(INT), seq(tok(lit("[")), opt(seq(ref("value"), star(seq(tok(lit(",")), ref("value"))))), tok(lit("]"))));
        return new Grammar("value", Map.of("value", value));
    }

    /** Ambiguous alternatives sharing prefixes: anyOf of two object shapes and a string. */
    static Grammar ambiguous() {
        Expr o1 = seq(tok(lit("{")), tok(lit("\"a\"")), tok(lit(":")), tok(INT), tok(lit("}")));
        Expr o2 = seq(tok(lit("{")), tok(lit("\"a\"")), tok(lit(":")), tok(STRING), tok(lit("}")));
        Expr o3 = seq(tok(lit("{")), tok(STRING), tok(lit(":")), tok(lit("true")), tok(lit("}")));
        return Grammar.of(alt(o1, o2, o3, tok(STRING)));
    }

    static final List<Grammar> GRAMMARS = List.of(objectGrammar(), nestedArrays(), ambiguous());

    static boolean engineAccepts(Grammar g, String text) {
        Matcher m = ENGINE.compile(g).matcher();
        for (int t : V.tokenize(text)) {
            if (!m.commit(t)) return false;
        }
        return m.isAccepting();
    }

    @Test
    void acceptsExactlyWhatTheReferenceRecognizerAccepts() {
        String[] samples = {
            "{\"a\": 1}", "{\"a\":-12,\"b\":\"xyz\"}", "{\"a\": 1, \"b\": \"abcd\"}", "{\"a\": 1, \"c\": 2}",
            "{\"a\": 1, \"a\": 2}", "{\"a\": 1, \"b\": \"\", \"ab\": 3}", " { \"a\" : 0 } ", "{\"a\": 01}", "{\"a\": 1,}",
            "{\"a\": 1, \"b\": \"é\\n\"}", "{\"a\": 1, \"b\": \"\\u00e9\"}", "[1, [2, [3]], []]", "[[]]", "[1,]", "[", "]",
            "5", "-0", "{\"a\": \"x\"}", "{\"a\": 7}", "{\"zz\": true}", "\"q\"", "{\"a\": true}", "\"🐢\"",
            "{\"a\": 1, \"b\": \"🐢🐢\"}", "{\"a\": 1, \"b\": \"🐢🐢🐢🐢\"}",
        };
        for (Grammar g : GRAMMARS) {
            for (String s : samples) {
                assertEquals(ReferenceRecognizer.accepts(g, s), engineAccepts(g, s), () -> "grammar " + g.rules() + " on " + s);
            }
        }
    }

    @Test
    void maskAgreesWithCommitAtEveryStep() {
        String[] paths = {"{\"a\": 12, \"b\": \"ab\", \"xyz\": 123}", "[[1, [12]], 0.5]", "{\"ab\": true}", "\"ab\""};
        long[] mask = new long[ENGINE.maskWords()];
        for (Grammar g : GRAMMARS) {
            for (String p : paths) {
                Matcher m = ENGINE.compile(g).matcher();
                for (int step : V.tokenize(p)) {
                    m.fillMask(mask);
                    for (int t = 0; t < V.vocabulary.size(); t++) {
                        Matcher probe = m.copy();
                        boolean allowed = (mask[t >>> 6] & (1L << t)) != 0;
                        assertEquals(allowed, probe.commit(t), "token " + t + " after prefix of " + p);
                    }
                    if (!m.commit(step)) break;
                }
            }
        }
    }

    @Test
    void randomWalksNeverDeadEndAndProduceValidSentences() {
        Random random = new Random(7);
        long[] mask = new long[ENGINE.maskWords()];
        for (Grammar g : GRAMMARS) {
            CompiledConstraint c = ENGINE.compile(g);
            for (int walk = 0; walk < 150; walk++) {
                Matcher m = c.matcher();
                List<Integer> out = new ArrayList<>();
                for (int step = 0; step < 400 && !m.isFinished(); step++) {
                    m.fillMask(mask);
                    List<Integer> allowed = new ArrayList<>();
                    for (int t = 0; t < V.vocabulary.size(); t++) if ((mask[t >>> 6] & (1L << t)) != 0) allowed.add(t);
                    assertFalse(allowed.isEmpty(), () -> "dead end after " + V.text(out));
                    int pick = allowed.contains(V.eos) && (step > 40 || random.nextInt(4) == 0) ? V.eos : allowed.get(random.nextInt(allowed.size()));
                    assertTrue(m.commit(pick));
                    if (pick != V.eos) out.add(pick);
                }
                if (m.isFinished()) {
                    String text = V.text(out);
                    assertTrue(ReferenceRecognizer.accepts(g, text), () -> "generated invalid: " + text);
                }
            }
        }
    }

    @Test
    void rollbackRestoresTheMask() {
        CompiledConstraint c = ENGINE.compile(objectGrammar());
        Matcher m = c.matcher();
        long[] before = new long[ENGINE.maskWords()], after = new long[ENGINE.maskWords()];
        int[] ids = V.tokenize("{\"a\": 12, \"b\": \"ab\"}");
        for (int i = 0; i < 4; i++) assertTrue(m.commit(ids[i]));
        m.fillMask(before);
        for (int i = 4; i < ids.length; i++) assertTrue(m.commit(ids[i]));
        assertTrue(m.isAccepting());
        m.rollback(ids.length - 4);
        m.fillMask(after);
        assertArrayEquals(before, after);
        assertFalse(m.isAccepting());
    }

    @Test
    void endOfSequenceOnlyWhenAccepting() {
        Matcher m = ENGINE.compile(nestedArrays()).matcher();
        assertFalse(m.commit(V.eos));
        for (int t : V.tokenize("[1]")) assertTrue(m.commit(t));
        long[] mask = new long[ENGINE.maskWords()];
        m.fillMask(mask);
        assertTrue((mask[V.eos >>> 6] & (1L << V.eos)) != 0);
        assertTrue(m.commit(V.eos));
        assertTrue(m.isFinished());
        assertFalse(m.commit(V.tokenize(" ")[0]));
    }

    @Test
    void forcedTokensFollowASingleContinuation() {
        Grammar g = Grammar.of(seq(tok(lit("{")), tok(lit("\"abc\"")), tok(lit(":")), tok(INT), tok(lit("}"))));
        Matcher m = ENGINE.compile(g).matcher();
        assertEquals(0, m.forcedTokens().length, "whitespace may precede '{', so nothing is forced yet");
        // "q" and "w" are each spelled by one token only; the integer after them is a real choice.
        Grammar compact = Grammar.of(seq(token(lit("q")), token(lit("w")), token(INT)));
        Matcher c = ENGINE.compile(compact).matcher();
        assertArrayEquals(V.tokenize("qw"), c.forcedTokens());
        assertTrue(c.commit(V.tokenize("q")[0]));
        assertArrayEquals(V.tokenize("w"), c.forcedTokens());
    }

    @Test
    void emptyLanguagesAreRefused() {
        Grammar contradiction = Grammar.of(token(and(lit("a"), lit("b"))));
        assertThrows(GrammarException.class, () -> ENGINE.compile(contradiction));
        Grammar neverEnds = new Grammar("r", Map.of("r", seq(tok(lit("[")), ref("r"))));
        assertThrows(GrammarException.class, () -> ENGINE.compile(neverEnds));
    }
}
