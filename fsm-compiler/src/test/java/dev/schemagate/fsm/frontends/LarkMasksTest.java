package dev.schemagate.fsm.frontends;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.grammar.lark.LarkCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.lark.JsonSchemaTerminals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lark grammars through the mask engine token by token (Llama-3): lexemes, %ignore, repetition forms, %json. */
class LarkMasksTest {
    record Case(String name, String lark, List<String> accept, List<String> reject) {}

    static final List<Case> CASES = List.of(
            new Case("ignored whitespace between lexemes", """
                    start: "a" "b"+ NUMBER
                    %import common.NUMBER
                    %ignore /[ \\t]+/
                    """,
                    List.of("ab1", "a b b 12", " a bb12.5 ", "a\tb 3e4"),
                    List.of("a b 1 2", "a 1", "ab 1x", "a b\n1")),
            new Case("a lowercase rule lets whitespace in, an uppercase terminal does not", """
                    start: digits "/" DIGITS
                    digits: /[0-9]/+
                    DIGITS: /[0-9]/+
                    %ignore " "
                    """,
                    List.of("1 2 3/45", "12/3", " 1 / 2 "),
                    List.of("1/2 3", "/1", "1/")),
            new Case("repetition spellings", """
                    start: "ab" ~ 2..3 "c" ~ 2 "d"{1,} "e"{,1} ["f"] ("g" | "h")*
                    """,
                    List.of("ababccd", "abababccddde", "ababccdfghg"),
                    List.of("abccd", "ababababccd", "ababcd", "ababcc", "ababccdee")),
            new Case("case-insensitive strings, regex flags, ranges, aliases", """
                    ?start: kw " " NAME "." ANY -> top
                    kw: "select"i | "from"i
                    NAME: ("a".."f" | "_")+
                    ANY: /x.y/s
                    """,
                    List.of("select abc.xzy", "SeLeCt f_.x\ny", "FROM a.x y"),
                    List.of("selec abc.xzy", "select abg.xzy", "select a.xy", "select a.x\n\ny")),
            new Case("terminals built from terminals", """
                    start: INT ("," INT)*
                    INT: SIGN? DIGIT+
                    SIGN: "-" | "+"
                    DIGIT: "0".."9"
                    """,
                    List.of("1", "-1,+22,333", "0,0"),
                    List.of("1,", "--1", "1 ,2", "")));

    @Test
    void casesAcceptAndRejectAsExpected() {
        for (Case c : CASES) {
            CompiledConstraint g = Llama3.ENGINE.compile(LarkCompiler.compile(c.lark, null));
            for (String s : c.accept) assertTrue(Llama3.accepts(g, s), () -> c.name + " should accept " + Llama3.show(s));
            for (String s : c.reject) assertFalse(Llama3.accepts(g, s), () -> c.name + " should reject " + Llama3.show(s));
        }
    }

    @Test
    void jsonItemsEmbedASchemaConstrainedValue() {
        String lark = """
                start: TEXT | fun_call
                TEXT: /[^{](.|\\n)*/
                fun_call: %json {
                  "type": "object",
                  "properties": {
                    "name": { "const": "get_weather" },
                    "parameters": {
                      "type": "object",
                      "properties": { "city": { "type": "string" } },
                      "required": ["city"]
                    }
                  },
                  "required": ["name", "parameters"]
                }
                """;
        CompiledConstraint g = Llama3.ENGINE.compile(LarkCompiler.compile(lark, new JsonSchemaTerminals(JsonSchemaOptions.DEFAULT)));
        for (String s : List.of("There is no function I can call", "{\"name\":\"get_weather\", \"parameters\": {\"city\":\"Seattle\"}}",
                "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\", \"days\": 3}}")) {
            assertTrue(Llama3.accepts(g, s), () -> "should accept " + Llama3.show(s));
        }
        for (String s : List.of("{\"name\": \"get_time\", \"parameters\": {\"city\": \"Paris\"}}",
                "{\"name\": \"get_weather\", \"parameters\": {}}", "{not json", "")) {
            assertFalse(Llama3.accepts(g, s), () -> "should reject " + Llama3.show(s));
        }
    }

    @Test
    void jsonItemsSitInsideRules() {
        String lark = """
                start: "call " NAME "(" args ")"
                NAME: /[a-z_]+/
                args: %json {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"],
                             "additionalProperties": false}
                """;
        CompiledConstraint g = Llama3.ENGINE.compile(LarkCompiler.compile(lark, new JsonSchemaTerminals(JsonSchemaOptions.COMPACT)));
        assertTrue(Llama3.accepts(g, "call f({\"x\":1})"));
        assertTrue(Llama3.accepts(g, "call do_it({\"x\":-20})"));
        assertFalse(Llama3.accepts(g, "call f({\"x\": 1})"), "compact JSON: no space");
        assertFalse(Llama3.accepts(g, "call f({\"y\":1})"));
        assertFalse(Llama3.accepts(g, "call f({\"x\":1.5})"));
    }
}
