package dev.schemagate.schemas.lark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import dev.schemagate.grammar.lark.LarkCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import org.junit.jupiter.api.Test;

/** Lark {@code %json} items compiled by the JSON Schema compiler and embedded next to the Lark rules. */
class JsonSchemaTerminalsTest {
    private static final JsonSchemaTerminals COMPACT = new JsonSchemaTerminals(JsonSchemaOptions.COMPACT);

    @Test
    void itemsEmbedTheirSchemasWholeAndApart() {
        String lark = """
                start: %json {"enum": ["}{", "a\\"b"]} "," item
                item: %json {
                  "type": "object", "properties": {"n": {"type": "integer", "minimum": 1}}, "required": ["n"]
                }
                """;
        Grammar g = LarkCompiler.compile(lark, COMPACT);
        assertTrue(g.rules().keySet().stream().anyMatch(r -> r.startsWith("%json0/")));
        assertTrue(g.rules().keySet().stream().anyMatch(r -> r.startsWith("%json1/")));
        assertTrue(ReferenceRecognizer.accepts(g, "\"}{\",{\"n\":3}"));
        assertTrue(ReferenceRecognizer.accepts(g, "\"a\\\"b\",{\"n\":1}"));
        assertFalse(ReferenceRecognizer.accepts(g, "\"}{\",{\"n\":0}"));
        assertFalse(ReferenceRecognizer.accepts(g, "\"x\",{\"n\":3}"));
    }

    @Test
    void schemaErrorsPointAtTheItem() {
        InvalidGrammarException e = assertThrows(InvalidGrammarException.class,
                () -> LarkCompiler.compile("start: \"x\"\n  | %json {\"type\": \"object\",}", COMPACT));
        assertEquals(2, e.line());
        assertEquals(5, e.column());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(InvalidGrammarException.class, () -> LarkCompiler.compile("start: %json {\"type\": \"nope\"}", COMPACT));
        assertEquals(8, e.column());
        e = assertThrows(InvalidGrammarException.class, () -> LarkCompiler.compile("start: %json {\"type\": \"string\"", COMPACT));
        assertEquals(8, e.column());
    }

    @Test
    void placesAfterAMultiLineItemKeepTheirLineAndColumn() {
        InvalidGrammarException e = assertThrows(InvalidGrammarException.class,
                () -> LarkCompiler.compile("start: %json {\n  \"type\": \"string\"\n} later\n", COMPACT));
        assertEquals("later", e.rule());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
    }
}
