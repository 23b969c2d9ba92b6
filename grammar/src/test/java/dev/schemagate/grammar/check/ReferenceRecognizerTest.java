package dev.schemagate.grammar.check;

import static dev.schemagate.grammar.Expr.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceRecognizerTest {
    private static final Expr DIGIT = cls(CodePointSet.range('0', '9'));

    private static void accepts(Expr e, String... texts) {
        for (String t : texts) assertTrue(ReferenceRecognizer.matches(e, t), () -> "should accept '" + t + "'");
    }

    private static void rejects(Expr e, String... texts) {
        for (String t : texts) assertFalse(ReferenceRecognizer.matches(e, t), () -> "should reject '" + t + "'");
    }

    @Test
    void literalsMatchTheirUtf8Bytes() {
        accepts(lit("héllo"), "héllo");
        rejects(lit("héllo"), "hello", "héll", "hélloo", "");
        accepts(lit("🐢"), "🐢");
        assertTrue(ReferenceRecognizer.matches(lit("🐢"), new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x90, (byte) 0xA2}));
    }

    @Test
    void charClassMatchesOneWholeCodePoint() {
        Expr notA = cls(CodePointSet.of('a').complement());
        accepts(notA, "b", "é", "🐢", "\u0000");
        rejects(notA, "a", "", "bb", "é🐢");
        // a lone continuation byte or a truncated sequence is not a code point
        assertFalse(ReferenceRecognizer.matches(notA, new byte[] {(byte) 0x80}));
        assertFalse(ReferenceRecognizer.matches(notA, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x90}));
        // overlong encoding of '/' and the 3-byte form of a surrogate are not UTF-8
        assertFalse(ReferenceRecognizer.matches(notA, new byte[] {(byte) 0xC0, (byte) 0xAF}));
        assertFalse(ReferenceRecognizer.matches(cls(CodePointSet.ALL), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        accepts(cls(CodePointSet.range(0x1F400, 0x1F4FF)), "🐢");
        rejects(cls(CodePointSet.range(0x1F400, 0x1F40F)), "🐢");
    }

    @Test
    void nothingAndEmpty() {
        rejects(nothing(), "", "a");
        accepts(empty(), "");
        rejects(empty(), "a");
    }

    @Test
    void seqAndAltExploreAllSplits() {
        Expr e = seq(alt(lit("a"), lit("ab")), alt(lit("bc"), lit("c")));
        accepts(e, "abc");
        accepts(e, "ac", "abbc");
        rejects(e, "ab", "abbbc", "bc");
        accepts(seq(opt(lit("a")), lit("ab")), "ab", "aab");
    }

    @Test
    void repeatCountsIterations() {
        Expr e = repeat(DIGIT, 2, 4);
        accepts(e, "12", "123", "1234");
        rejects(e, "", "1", "12345", "12a");
        accepts(star(DIGIT), "", "0", "0123456789");
        rejects(plus(DIGIT), "");
        accepts(repeat(lit("ab"), 3, UNBOUNDED), "ababab", "abababab");
        rejects(repeat(lit("ab"), 3, UNBOUNDED), "abab", "ababa");
    }

    @Test
    void repeatWithNullableBodyAndHugeBounds() {
        Expr e = repeat(opt(lit("a")), 1_000_000_000, UNBOUNDED);
        accepts(e, "", "a", "aaaa");
        Expr f = repeat(alt(lit("a"), empty()), 3, 3);
        accepts(f, "", "aaa");
        rejects(f, "aaaa");
        Expr g = repeat(lit("ab"), 5, 2_000_000_000);
        rejects(g, "abababab");
        accepts(g, "ababababab");
    }

    @Test
    void andIsIntersectionAndNotIsByteComplement() {
        Expr digits = plus(DIGIT);
        Expr notZeroLed = not(seq(lit("0"), star(cls(CodePointSet.ALL))));
        Expr e = and(digits, notZeroLed);
        accepts(e, "1", "10");
        rejects(e, "0", "01", "", "a");
        Expr notAbc = not(lit("abc"));
        accepts(notAbc, "", "ab", "abcd", "x");
        rejects(notAbc, "abc");
        assertTrue(ReferenceRecognizer.matches(notAbc, new byte[] {(byte) 0xFF}));
    }

    @Test
    void tokenIsItsBody() {
        accepts(seq(token(plus(DIGIT)), token(plus(DIGIT))), "12");
        rejects(seq(token(plus(DIGIT)), token(plus(DIGIT))), "1");
    }

    @Test
    void rulesMayRecurseOnTheRight() {
        Map<String, Expr> rules = new LinkedHashMap<>();
        rules.put("root", ref("parens"));
        rules.put("parens", alt(empty(), seq(lit("("), ref("parens"), lit(")"), ref("parens"))));
        Grammar g = new Grammar("root", rules);
        for (String ok : new String[] {"", "()", "(())()", "((()))"}) assertTrue(ReferenceRecognizer.accepts(g, ok), ok);
        for (String bad : new String[] {"(", ")(", "(()", "())"}) assertFalse(ReferenceRecognizer.accepts(g, bad), bad);
    }

    @Test
    void leftRecursionIsDetected() {
        Grammar direct = new Grammar("list", Map.of("list", alt(lit("x"), seq(ref("list"), lit(",x")))));
        assertThrows(GrammarException.class, () -> ReferenceRecognizer.accepts(direct, "x,x"));
        Map<String, Expr> rules = new LinkedHashMap<>();
        rules.put("a", seq(opt(lit("-")), ref("b")));
        rules.put("b", alt(lit("y"), seq(ref("a"), lit("z"))));
        Grammar hidden = new Grammar("a", rules);
        assertThrows(GrammarException.class, () -> ReferenceRecognizer.accepts(hidden, "yz"));
    }

    @Test
    void undefinedRuleIsAnError() {
        assertThrows(GrammarException.class, () -> ReferenceRecognizer.matches(ref("missing"), "x"));
    }
}
