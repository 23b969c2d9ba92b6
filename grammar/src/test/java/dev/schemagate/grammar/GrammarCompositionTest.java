package dev.schemagate.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrammarCompositionTest {
    private static final Grammar LIST = new Grammar("list", Map.of(
            "list", new Expr.Alt(List.of(new Expr.Ref("item"), new Expr.Seq(List.of(new Expr.Ref("item"), new Expr.Literal(","), new Expr.Ref("list"))))),
            "item", new Expr.Token(new Expr.Literal("x"))));

    @Test
    void prefixRenamesRulesAndEveryReference() {
        Grammar g = LIST.withRulePrefix("a_");
        assertEquals("a_list", g.start());
        assertEquals(new Expr.Alt(List.of(new Expr.Ref("a_item"), new Expr.Seq(List.of(new Expr.Ref("a_item"), new Expr.Literal(","), new Expr.Ref("a_list"))))),
                g.rules().get("a_list"));
        assertEquals(LIST.rules().get("item"), g.rules().get("a_item"));
    }

    @Test
    void embedJoinsPartsUnderANewStart() {
        Grammar a = LIST.withRulePrefix("a_");
        Grammar b = LIST.withRulePrefix("b_");
        Grammar both = Grammar.embed("root", new Expr.Alt(List.of(new Expr.Ref("a_list"), new Expr.Ref("b_list"))), List.of(a, b));
        assertEquals(5, both.rules().size());
        assertEquals("root", both.start());
        assertThrows(IllegalArgumentException.class, () -> Grammar.embed("root", new Expr.Empty(), List.of(a, a)));
    }
}
