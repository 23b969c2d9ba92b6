package dev.schemagate.grammar.frontend;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.schemagate.grammar.gbnf.GbnfCompiler;
import dev.schemagate.grammar.lark.LarkCompiler;
import dev.schemagate.grammar.regex.GuidedRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random and truncated grammar text must give a grammar or an {@link InvalidGrammarException}, never another
 * exception. (The timeout is a hang guard far above the few seconds this takes, not a speed check.)
 */
@Timeout(600)
class FrontEndFuzzTest {
    private static final String GBNF = """
            root   ::= object
            value  ::= object | array | string | number | ("true" | "false" | "null") ws
            object ::= "{" ws ( string ":" ws value ("," ws string ":" ws value)* )? "}" ws
            array  ::= "[" ws ( value ("," ws value)* )? "]" ws
            string ::= "\\"" ( [^"\\\\\\x7F\\x00-\\x1F] | "\\\\" (["\\\\bfnrt] | "u" [0-9a-fA-F]{4}) )* "\\"" ws
            number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]{0,15})? ws
            ws ::= | " " | "\\n" [ \\t]{0,20}  # comment
            """;
    private static final String LARK = """
            ?start: value
            value: dict | list | ESCAPED_STRING | SIGNED_NUMBER | "true" | "false" | "null"
            list : "[" [value ("," value)*] "]"
            dict : "{" [pair ("," pair)*] "}"
            pair : ESCAPED_STRING ":" value
            WORD: /[a-z]+/i ~ 1..3 | "x".."z"{2,}
            call: "f(" %json {"type": "object", "properties": {"a": {"type": "string"}}} ")"
            %import common.ESCAPED_STRING
            %import common (SIGNED_NUMBER, WS)
            %ignore WS
            """;
    private static final String REGEX = "(?P<y>\\d{4})-(?:0[1-9]|1[0-2])(?:T[0-2]\\d:[0-5]\\d)?[a-z]{,3}\\x{41}[[:alpha:]]+$";

    private final Random random = new Random(4);

    @Test
    void gbnf() {
        fuzz(GBNF, "::=|*+?()[]{}\"\\#.-^0123456789abxroot \n\t<>!,", GbnfCompiler::compile);
    }

    @Test
    void lark() {
        fuzz(LARK, ":|*+?()[]{}\"\\/.~%,->!<abxstartABX_0123456789 \n\tignoreimportjson", text -> LarkCompiler.compile(text, null));
    }

    @Test
    void hugeRepetitionsFinish() {
        for (String text : List.of("root ::= ((\"\"{0,1000000}){0,1000000}){0,1000000}", "root ::= ([a-z]{0,999999} \"x\"){999999}",
                "root ::= (\"ab\"{1000000})+ \"c\"")) {
            assertTrue(compiledOrRefused(text, GbnfCompiler::compile));
        }
    }

    @Test
    void regex() {
        fuzz(REGEX, "()[]{}|*+?.^$\\-:<>=!Pdwsb0123456789axN,", GuidedRegex::grammar);
    }

    private void fuzz(String valid, String alphabet, Consumer<String> compile) {
        int refused = 0, compiled = 0;
        List<String> texts = new ArrayList<>();
        for (int cut = 0; cut <= valid.length(); cut += 1 + valid.length() / 300) texts.add(valid.substring(0, cut));
        for (int i = 0; i < 400; i++) texts.add(mutate(valid, alphabet));
        for (int i = 0; i < 400; i++) texts.add(randomText(alphabet, 1 + random.nextInt(60)));
        for (String text : texts) {
            if (compiledOrRefused(text, compile)) compiled++;
            else refused++;
        }
        assertTrue(refused > 100 && compiled > 0, refused + " refused, " + compiled + " compiled");
    }

    /** True when the text compiled, false when it was refused cleanly; fails on any other outcome. */
    private static boolean compiledOrRefused(String text, Consumer<String> compile) {
        try {
            compile.accept(text);
            return true;
        } catch (InvalidGrammarException refused) {
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            return fail("unclean " + e.getClass().getSimpleName() + " on:\n" + text, e);
        }
    }

    private String mutate(String text, String alphabet) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && !sb.isEmpty(); i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }

    private String randomText(String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }
}
