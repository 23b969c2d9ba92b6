package dev.schemagate.grammar.lark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lark syntax to grammars: where the lexemes are, what they match, and the errors. */
class LarkCompilerTest {
    private static void language(String lark, List<String> accept, List<String> reject) {
        Grammar g = LarkCompiler.compile(lark, null);
        for (String s : accept) assertTrue(ReferenceRecognizer.accepts(g, s), () -> lark + " should accept " + s);
        for (String s : reject) assertFalse(ReferenceRecognizer.accepts(g, s), () -> lark + " should reject " + s);
    }

    @Test
    void terminalsAreLexemesAndRulesAreStructure() {
        Grammar g = LarkCompiler.compile("start: pair+\npair: KEY \"=\" VALUE\nKEY: /[a-z]+/\nVALUE: DIGIT+\nDIGIT: \"0\"..\"9\"", null);
        Expr pair = g.rules().get("pair");
        assertEquals(new Expr.Seq(List.of(new Expr.Token(new Expr.Repeat(new Expr.CharClass(
                        CodePointSet.range('a', 'z')), 1, Expr.UNBOUNDED)),
                new Expr.Token(new Expr.Literal("=")),
                new Expr.Token(new Expr.Repeat(new Expr.CharClass(CodePointSet.range('0', '9')), 1, Expr.UNBOUNDED)))),
                pair);
    }

    @Test
    void syntaxFeatures() {
        language("start: \"a\" (\"b\" | \"c\")* [\"d\"] \"e\"?", List.of("a", "abcbde", "ae", "ade"), List.of("ad e", "abd d"));
        language("start: \"x\"~3 \"y\" ~ 1..2 \"z\"{2,} \"w\"{,1}", List.of("xxxyzz", "xxxyyzzzw"), List.of("xxyzz", "xxxyz"));
        language("?start: a | b -> bee\n!a: \"A\"\n_b: \"B\"\nb: _b", List.of("A", "B"), List.of("AB"));
        language("start: \"sql\"i", List.of("SQL", "sQl"), List.of("sq"));
        language("start: /[a-c]+/i \"\\x41\\u00e9\\n\\\"\"", List.of("aBc" + "Aé\n\""), List.of("aBd" + "Aé\n\""));
        language("start: HEX\n%import common (HEXDIGIT)\nHEX: \"0x\" HEXDIGIT+", List.of("0x1f", "0xAB"), List.of("0x", "0xg"));
        language("start: NUMBER\n%import common.SIGNED_NUMBER -> NUMBER", List.of("-1.5e3", "+2", ".5"), List.of("1e", "--1"));
        language("start: // comments of both kinds\n  \"a\" # here\n", List.of("a"), List.of(""));
        language("start: a\na.2: B\nB.3: \"b\"", List.of("b"), List.of("bb"));
    }

    @Test
    void ignoredTextMayComeBeforeEveryLexemeAndAtTheEnd() {
        language("start: \"a\" \"b\"\n%ignore \" \"\n%ignore /#[^\\n]*\\n/",
                List.of("ab", " a b ", "a #note\n b  "), List.of("a b #", " "));
    }

    private static InvalidGrammarException refused(String lark) {
        return assertThrows(InvalidGrammarException.class, () -> LarkCompiler.compile(lark, null));
    }

    @Test
    void errorsNameThePlaceAndTheRule() {
        InvalidGrammarException e = refused("start: a b\na: \"x\"");
        assertEquals("b", e.rule());
        assertEquals(1, e.line());
        assertEquals(10, e.column());

        e = refused("start: A\nA: \"x\" A?");
        assertEquals("A", e.rule());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("terminals must be regular"), e.getMessage());

        e = refused("start: A\nA: b\nb: \"x\"");
        assertEquals("b", e.rule());
        assertTrue(e.getMessage().contains("cannot use rule 'b'"), e.getMessage());

        e = refused("begin: \"a\"");
        assertEquals("start", e.rule());

        e = refused("start: \"a\"\nstart: \"b\"");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("defined twice"), e.getMessage());

        e = refused("start: x\nx: \"(\" x \")\"");
        assertEquals("x", e.rule());
        assertTrue(e.getMessage().contains("never finishes"), e.getMessage());
    }

    @Test
    void refusedConstructsSayWhy() {
        InvalidGrammarException e = refused("start: \"x\" /a(b/");
        assertEquals(16, e.column());
        assertTrue(e.getMessage().contains("expected ')'"), e.getMessage());
        assertTrue(refused("start: /a(?=b)/").getMessage().contains("lookahead"));
        assertTrue(refused("start: /a/m").getMessage().contains("flag 'm'"));
        assertTrue(refused("start: <|eot_id|>").getMessage().contains("special tokens"));
        assertTrue(refused("start: x\nx[max_tokens=5]: /a+/").getMessage().contains("rule options"));
        assertTrue(refused("%declare FOO\nstart: \"a\"").getMessage().contains("%declare is not supported"));
        assertTrue(refused("%import python.NAME\nstart: \"a\"").getMessage().contains("only %import common"));
        assertTrue(refused("%import common.NOPE\nstart: \"a\"").getMessage().contains("not a known common terminal"));
        assertTrue(refused("start: %json {\"type\": \"string\"}").getMessage().contains("%json is not available"));
        assertTrue(refused("start: A\nA: %json {}").getMessage().contains("rule-level"));
        assertTrue(refused("start: \"ab\"..\"c\"").getMessage().contains("one character"));
        assertTrue(refused("start: \"a\"~3..1").getMessage().contains("below the minimum"));
        e = refused("start: \"a\"\n  \"b\" :");
        assertEquals(2, e.line());
    }
}
