package dev.schemagate.grammar.frontend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.gbnf.GbnfCompiler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where lexemes end up, seen through the strings a single lexeme matches. (That they never change the
 * language is checked through the mask engine, in fsm-compiler's front-end tests.)
 */
class LexemeInferenceTest {
    private static boolean oneLexemeMatches(Grammar g, String text) {
        List<Expr> bodies = new ArrayList<>();
        g.rules().values().forEach(e -> collect(e, bodies));
        return bodies.stream().anyMatch(b -> ReferenceRecognizer.matches(b, text));
    }

    private static void collect(Expr e, List<Expr> out) {
        switch (e) {
            case Expr.Token t -> out.add(t.body());
            case Expr.Seq s -> s.items().forEach(i -> collect(i, out));
            case Expr.Alt a -> a.options().forEach(o -> collect(o, out));
            case Expr.Repeat r -> collect(r.body(), out);
            default -> {}
        }
    }

    @Test
    void aRegularStartRuleIsOneLexeme() {
        Grammar g = GbnfCompiler.compile("root ::= word (\", \" word)*\nword ::= [a-z]+");
        assertTrue(oneLexemeMatches(g, "ab, c, d"));
    }

    @Test
    void aSelfDelimitingPieceStaysWhole() {
        Grammar g = GbnfCompiler.compile("root ::= \"[\" (word | root)* \"]\"\nword ::= [a-z]+ \" \"");
        assertTrue(oneLexemeMatches(g, "abc "));
    }

    @Test
    void aPieceItsNeighbourCouldExtendIsSplit() {
        // After the word "ab" another word may follow at once: "abc" must stay readable as "ab" "c".
        Grammar g = GbnfCompiler.compile("root ::= \"[\" (word | root)* \"]\"\nword ::= [a-z]+");
        assertFalse(oneLexemeMatches(g, "ab"));
        assertTrue(oneLexemeMatches(g, "a"));
    }

    @Test
    void valuesKeepTheirTrailingWhitespace() {
        Grammar g = GbnfCompiler.compile("""
                root ::= "[" ws (value ("," ws value)*)? "]" ws
                value ::= [0-9]+ ws | "\\"" [a-z]* "\\"" ws | root
                ws ::= " "?
                """);
        for (String lexeme : List.of("[ ", "12 ", "\"x\" ", ", ", "] ", "12", "\"x\"", "[", ",", "]")) {
            assertTrue(oneLexemeMatches(g, lexeme), lexeme);
        }
        assertFalse(oneLexemeMatches(g, "12,"));
    }
}
