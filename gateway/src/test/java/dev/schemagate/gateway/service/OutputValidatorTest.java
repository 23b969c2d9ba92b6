package dev.schemagate.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.schemagate.gateway.constraint.ConstraintSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The independent re-check of grammar outputs: the grammar compiled again and the reference recognizer, no mask engine. */
class OutputValidatorTest {
    private final OutputValidator validator = new OutputValidator();

    @Test
    void gbnfOutputsAreRecognizedAgainstTheirGrammar() {
        ConstraintSpec.GrammarText spec = new ConstraintSpec.GrammarText("gbnf", "root ::= \"(\" item (\",\" item)* \")\"\nitem ::= [a-z]+ | root");
        assertEquals(List.of(), validator.check(spec, "(ab,(c,d),e)", List.of()));
        assertFalse(validator.check(spec, "(ab,(c,d),e", List.of()).isEmpty());
        assertFalse(validator.check(spec, "(ab,,e)", List.of()).isEmpty());
    }

    @Test
    void larkOutputsAreRecognizedWithTheirIgnoredWhitespace() {
        ConstraintSpec.GrammarText spec = new ConstraintSpec.GrammarText("lark", """
                start: pair ("," pair)*
                pair: NAME "=" NUMBER
                NAME: /[a-z]+/
                NUMBER: /[0-9]+/
                %ignore " "
                """);
        assertEquals(List.of(), validator.check(spec, "a=1, bc = 22", List.of()));
        assertFalse(validator.check(spec, "a=1,, b=2", List.of()).isEmpty());
        assertFalse(validator.check(spec, "a=x", List.of()).isEmpty());
    }
}
