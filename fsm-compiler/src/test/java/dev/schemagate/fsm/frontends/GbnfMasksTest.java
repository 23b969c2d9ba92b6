package dev.schemagate.fsm.frontends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.gbnf.GbnfCompiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-written GBNF grammars through the mask engine token by token (Llama-3): each listed string is accepted
 * or rejected as expected, and the engine agrees with the character-level reference recognizer, which knows
 * nothing of lexemes; so the inferred lexemes did not change the language.
 */
class GbnfMasksTest {
    record Case(String name, String gbnf, List<String> accept, List<String> reject) {}

    static final List<Case> CASES = List.of(
            new Case("keywords sharing prefixes", """
                    root ::= stmt (";" ws stmt)*
                    stmt ::= "in" | "int" ws name | "inline" | name
                    name ::= [a-z]+
                    ws ::= " "*
                    """,
                    List.of("in", "int x", "inline", "int", "intx", "in; int  y; inline; zz", "int inline"),
                    List.of("in;", "int ", "INT x", "in;;in", "int x y")),
            new Case("identifiers followed by letters", """
                    root ::= word word
                    word ::= [a-c]+
                    """,
                    List.of("ab", "aaa", "abcabc", "cc"),
                    List.of("a", "", "ad", "a b")),
            new Case("optional tails and counted repeats", """
                    root ::= num ("," num){0,3} unit?
                    num ::= "-"? [0-9]{1,3} ("." [0-9]+)?
                    unit ::= "kg" | "k" | "g"
                    """,
                    List.of("1", "-12.5", "1,2,3,4", "1,2,3,4kg", "999k", "0.001g", "7,8"),
                    List.of("1,2,3,4,5", "1000", "1.", "kg", "1kgg", "1,,2")),
            new Case("escapes, classes and any char", """
                    # comment lines are ignored
                    root ::= "\\x41" [^\\n"] . "\\u00e9" [\\t\\]-] "\\"" "\\n"
                    """,
                    List.of("Abcé\t\"\n", "A\u00ff\u4e2dé]\"\n", "A-\né-\"\n"),
                    List.of("abcé\t\"\n", "A\ncé\t\"\n", "Abcé\t\"", "Abce\t\"\n")),
            new Case("left recursion", """
                    root ::= expr
                    expr ::= expr "+" term | term
                    term ::= term "*" factor | factor
                    factor ::= [0-9]+ | "(" expr ")"
                    """,
                    List.of("1", "1+2*3", "(1+2)*3", "((4))", "12*34+56"),
                    List.of("1+", "+1", "(1+2", "1**2", "")),
            new Case("nested structure with trailing whitespace", """
                    root ::= list
                    list ::= "[" ws (item ("," ws item)*)? "]" ws
                    item ::= list | [a-z]+ ws
                    ws ::= [ \\t\\n]*
                    """,
                    List.of("[]", "[ a, b ,c ]", "[[a],[ [b] ] ]\n", "[a ,\n b]"),
                    List.of("[", "[a,]", "[a b]", "a", "[,a]")));

    @Test
    void casesAcceptAndRejectAsExpected() {
        for (Case c : CASES) {
            Grammar g = GbnfCompiler.compile(c.gbnf);
            for (String s : c.accept) assertTrue(Llama3.accepts(g, s), () -> c.name + " should accept " + Llama3.show(s));
            for (String s : c.reject) assertFalse(Llama3.accepts(g, s), () -> c.name + " should reject " + Llama3.show(s));
        }
    }

    @Test
    void engineAgreesWithTheCharacterLevelRecognizer() {
        for (Case c : CASES) {
            if (c.name.equals("left recursion")) continue; // the reference recognizer refuses left recursion
            Grammar g = GbnfCompiler.compile(c.gbnf);
            for (List<String> list : List.of(c.accept, c.reject)) {
                for (String s : list) {
                    assertEquals(ReferenceRecognizer.accepts(g, s), Llama3.accepts(g, s), () -> c.name + " on " + Llama3.show(s));
                }
            }
        }
    }
}
