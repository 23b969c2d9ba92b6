package dev.schemagate.fsm.frontends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.choice.ChoiceCompiler;
import dev.schemagate.grammar.gbnf.GbnfCompiler;
import dev.schemagate.grammar.lark.LarkCompiler;
import dev.schemagate.grammar.regex.GuidedRegex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same language spelled in GBNF, Lark, regex (and as a choice list where it is finite) must accept and
 * reject the same strings through the mask engine, and those must be the ones listed.
 */
class SpellingEquivalenceTest {
    record Language(String name, Map<String, Grammar> spellings, List<String> accept, List<String> reject) {}

    private static Map<String, Grammar> spellings(String gbnf, String lark, String regex) {
        Map<String, Grammar> out = new LinkedHashMap<>();
        out.put("gbnf", GbnfCompiler.compile(gbnf));
        out.put("lark", LarkCompiler.compile(lark, null));
        out.put("regex", GuidedRegex.grammar(regex));
        return out;
    }

    static List<Language> languages() {
        List<Language> out = new ArrayList<>();
        out.add(new Language("dates", spellings(
                "root ::= [0-9]{4} \"-\" (\"0\" [1-9] | \"1\" [0-2]) \"-\" [0-3] [0-9]",
                "start: YEAR \"-\" MONTH \"-\" DAY\nYEAR: /[0-9]{4}/\nMONTH: /0[1-9]|1[0-2]/\nDAY: /[0-3][0-9]/",
                "\\d{4}-(?:0[1-9]|1[0-2])-[0-3]\\d"),
                List.of("2024-01-31", "1999-12-09", "0000-10-00"),
                List.of("2024-13-01", "2024-1-01", "24-01-01", "2024-01-311", "2024-01-3", "2024/01/01")));
        out.add(new Language("identifier lists", spellings(
                "root ::= id (\", \" id)*\nid ::= [a-z_] [a-z0-9_]*",
                "start: ID (\", \" ID)*\nID: /[a-z_][a-z0-9_]*/",
                "[a-z_][a-z0-9_]*(?:, [a-z_][a-z0-9_]*)*"),
                List.of("a", "x1, y_2, _z", "abc, abc"),
                List.of("", "1a", "a,b", "a, ", "a,  b", "A, b")));
        out.add(new Language("numbers", spellings(
                "root ::= \"-\"? (\"0\" | [1-9] [0-9]*) (\".\" [0-9]+)?",
                "start: \"-\"? INT (\".\" DIGITS)?\nINT: \"0\" | /[1-9][0-9]*/\nDIGITS: /[0-9]+/",
                "-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?"),
                List.of("0", "-0", "12.50", "7", "-123.4"),
                List.of("01", "1.", ".5", "--1", "1.2.3", "")));
        Map<String, Grammar> colors = spellings(
                "root ::= \"red\" | \"green\" | \"blue\" | \"re\"",
                "start: \"red\" | \"green\" | \"blue\" | \"re\"",
                "red|green|blue|re");
        colors.put("choice", ChoiceCompiler.compile(List.of("red", "green", "blue", "re")));
        out.add(new Language("choices", colors, List.of("red", "green", "blue", "re"),
                List.of("r", "reds", "Red", "greenblue", "")));
        return out;
    }

    @Test
    void spellingsAgreeOnEveryString() {
        for (Language l : languages()) {
            Map<String, CompiledConstraint> compiled = new LinkedHashMap<>();
            l.spellings.forEach((k, g) -> compiled.put(k, Llama3.ENGINE.compile(g)));
            for (List<String> list : List.of(l.accept, l.reject)) {
                boolean expected = list == l.accept;
                for (String s : list) {
                    compiled.forEach((spelling, c) -> assertEquals(expected, Llama3.accepts(c, s),
                            () -> l.name + " in " + spelling + " on " + Llama3.show(s)));
                }
            }
        }
    }
}
