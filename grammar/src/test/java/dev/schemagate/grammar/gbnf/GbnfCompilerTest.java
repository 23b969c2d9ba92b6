package dev.schemagate.grammar.gbnf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GBNF syntax to languages (checked with the reference recognizer) and to errors a user can act on. */
class GbnfCompilerTest {
    private static void language(String gbnf, List<String> accept, List<String> reject) {
        Grammar g = GbnfCompiler.compile(gbnf);
        for (String s : accept) assertTrue(ReferenceRecognizer.accepts(g, s), () -> gbnf + " should accept " + s);
        for (String s : reject) assertFalse(ReferenceRecognizer.accepts(g, s), () -> gbnf + " should reject " + s);
    }

    @Test
    void literalsWithEscapes() {
        language("root ::= \"a\\tb\\n\\\\\\\"\\[\\]\"", List.of("a\tb\n\\\"[]"), List.of("a\\tb"));
        language("root ::= \"\\x41\\u00e9\\U0001F600\"", List.of("Aé😀"), List.of("A"));
        language("root ::= \"\" \"x\" \"\"", List.of("x"), List.of(""));
    }

    @Test
    void characterClasses() {
        language("root ::= [a-cx]", List.of("a", "b", "c", "x"), List.of("d", "", "ab"));
        language("root ::= [^a-c\\n]", List.of("d", "é", " "), List.of("a", "\n"));
        language("root ::= [-a] [a-] [\\]\\[] [\\x30-\\x39]", List.of("-a[5", "a-]0"), List.of("b-[5"));
        language("root ::= [^]", List.of("a", "\n", "中"), List.of(""));
        language("root ::= . .", List.of("ab", "\n\t", "é😀"), List.of("a", "abc"));
    }

    @Test
    void groupingAlternativesAndRepetition() {
        language("root ::= (\"a\" | \"b\" \"c\")* \"d\"+ \"e\"?", List.of("d", "abcbcddde", "add"), List.of("e", "acd", "abd"));
        language("root ::= \"x\"{2} \"y\"{1,} \"z\"{0,2}", List.of("xxy", "xxyyyzz"), List.of("xy", "xxyzzz", "xx"));
        language("root ::= \"a\"{ 1 , 3 }", List.of("a", "aaa"), List.of("", "aaaa"));
        language("root ::= \"a\"{0}", List.of(""), List.of("a"));
    }

    @Test
    void rulesCommentsAndLayout() {
        String gbnf = """
                # a comment
                root   ::= greeting ws name   # trailing comment
                greeting ::=
                    "hello" |
                    "hi"
                name ::= [A-Z] [a-z]*
                ws ::= [ \\t]+
                """;
        language(gbnf, List.of("hello Ada", "hi\t Bob"), List.of("hello ada", "hey Ada", "hiAda"));
        language("root ::= a-b_c\na-b_c ::= \"x\"", List.of("x"), List.of("y"));
    }

    @Test
    void rulesMayBeLeftRecursive() {
        Grammar g = GbnfCompiler.compile("root ::= root \"a\" | \"b\"");
        assertEquals("root", g.start());
    }

    private static InvalidGrammarException refused(String gbnf) {
        return assertThrows(InvalidGrammarException.class, () -> GbnfCompiler.compile(gbnf));
    }

    @Test
    void syntaxErrorsGiveLineColumnAndWhatWasExpected() {
        InvalidGrammarException e = refused("root ::= \"a\" |\n  ( \"b\"");
        assertEquals(2, e.line());
        assertEquals(8, e.column());
        assertTrue(e.getMessage().contains("end of input") && e.getMessage().contains("')'"), e.getMessage());

        e = refused("root ::= \"a\" ::= \"b\"");
        assertEquals(1, e.line());
        assertEquals(14, e.column());
        assertTrue(e.getMessage().contains("unexpected '::='"), e.getMessage());

        e = refused("root ::= \"abc");
        assertEquals(10, e.column());
        assertTrue(e.getMessage().contains("unterminated string"), e.getMessage());

        e = refused("root ::= [a-z");
        assertTrue(e.getMessage().contains("unterminated character class"), e.getMessage());

        e = refused("root ::= \"a\"{2,x}");
        assertEquals(16, e.column());
    }

    @Test
    void badEscapesAndRangesPointIntoTheLiteral() {
        InvalidGrammarException e = refused("root ::=\n  \"ab\\qc\"");
        assertEquals(2, e.line());
        assertEquals(6, e.column());
        assertTrue(e.getMessage().contains("unknown escape \\q"), e.getMessage());

        e = refused("root ::= \"\\x4\"");
        assertTrue(e.getMessage().contains("2 hex digits"), e.getMessage());
        e = refused("root ::= \"\\uD800\"");
        assertTrue(e.getMessage().contains("not a Unicode scalar value"), e.getMessage());
        e = refused("root ::= [z-a]");
        assertEquals(12, e.column());
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
    }

    @Test
    void rulesThatCannotBeUsedAreNamed() {
        InvalidGrammarException e = refused("root ::= \"a\"\nfoo bar");
        assertEquals("foo", e.rule());
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("'foo' is not defined"), e.getMessage());

        e = refused("start ::= \"a\"");
        assertEquals("root", e.rule());
        assertTrue(e.getMessage().contains("no 'root' rule"), e.getMessage());

        e = refused("root ::= x\nx ::= \"a\"\nx ::= \"b\"");
        assertEquals("x", e.rule());
        assertEquals(3, e.line());

        e = refused("root ::= \"[\" list\nlist ::= \"a\" list | \"(\" list \")\"");
        assertEquals("list", e.rule());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("never finishes"), e.getMessage());

        e = refused("root ::= \"a\" | loop\nloop ::= loop \"b\"");
        assertEquals("loop", e.rule());

        e = refused("root ::= [^\\x00-\\U0010FFFF]");
        assertEquals("root", e.rule());
        assertTrue(e.getMessage().contains("matches no string") && e.getMessage().contains("grammar matches nothing"), e.getMessage());
    }

    @Test
    void unsupportedAndOversizedConstructsAreRefused() {
        InvalidGrammarException e = refused("root ::= <[1234]> \"a\"");
        assertTrue(e.getMessage().contains("token references"), e.getMessage());
        assertNull(e.rule());
        e = refused("root ::= \"a\"{3,2}");
        assertTrue(e.getMessage().contains("below the minimum"), e.getMessage());
        e = refused("root ::= \"a\"{99999999}");
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
        e = refused("root ::= " + "(".repeat(300) + "\"a\"" + ")".repeat(300));
        assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
    }
}
