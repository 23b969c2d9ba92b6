package dev.schemagate.fsm.frontends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Object keys that may be "any string but the declared names" get mask plans from a neighbouring lexer state
 * at every prefix of a declared name. Those masks must equal the whole-trie walk bit for bit, on keys that
 * follow, leave and complete declared names (escaped quotes and multi-byte characters included), and on random walks.
 */
class KeyMasksTest {
    private static final MaskEngine REFERENCE = MaskEngine.withoutShortcuts(Llama3.TOKENIZER.vocabulary());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String OPEN_KEYS = """
            {"type": "object",
             "properties": {"name": {"type": "string"}, "names": {"type": "array", "items": {"type": "string"}},
                            "nameSpace": {"type": "integer"}, "id": {"type": "integer"}, "ident": {"type": "string"},
                            "é\\"q": {"type": "boolean"}},
             "additionalProperties": {"type": "integer"}}""";

    private static final String PATTERN_KEYS = """
            {"type": "object",
             "properties": {"alpha": {"type": "integer"}, "alpine": {"type": "integer"}, "x-alp": {"type": "string"}},
             "patternProperties": {"^x-": {"type": "string", "maxLength": 3}},
             "propertyNames": {"maxLength": 8},
             "additionalProperties": false}""";

    @Test
    void keyMasksEqualWholeTrieWalksAlongInstances() throws Exception {
        compare(OPEN_KEYS, """
                {"nam": 1, "name": "a", "namesX": 2, "names": ["x"], "i": 3, "idx": 4, "id": 5, "é": 6, \
                "é\\"qq": 7, "é\\"q": true, "": 8, "nameSpace ": 9, "nameSpace": 10}""");
        compare(OPEN_KEYS, "{\"identity\":1,\"ident\":\"z\",\"names\":[],\"é\\\"\":2}");
        compare(PATTERN_KEYS, """
                {"alpha": 2, "x-al": "abc", "x-alp": "ab", "x-alpine": "", "alpine": 3}""");
    }

    @Test
    void keyMasksEqualWholeTrieWalksOnRandomWalks() throws Exception {
        for (String schema : new String[] {OPEN_KEYS, PATTERN_KEYS}) {
            Grammar g = JsonSchemaCompiler.compile(JSON.readTree(schema), JsonSchemaOptions.DEFAULT);
            Matcher fast = Llama3.ENGINE.compile(g).matcher(), slow = REFERENCE.compile(g).matcher();
            long[] a = new long[REFERENCE.maskWords()], b = new long[REFERENCE.maskWords()];
            Random random = new Random(7);
            for (int walk = 0; walk < 12; walk++) {
                fast.reset();
                slow.reset();
                for (int step = 0; step < 40 && !slow.isFinished(); step++) {
                    fast.fillMask(a);
                    slow.fillMask(b);
                    assertArrayEquals(b, a, "walk " + walk + ", step " + step);
                    int token = Llama3.pickShort(b, random);
                    if (token < 0) break;
                    assertTrue(fast.commit(token) & slow.commit(token));
                }
            }
        }
    }

    private static void compare(String schema, String instance) throws Exception {
        Grammar g = JsonSchemaCompiler.compile(JSON.readTree(schema), JsonSchemaOptions.DEFAULT);
        Matcher fast = Llama3.ENGINE.compile(g).matcher(), slow = REFERENCE.compile(g).matcher();
        long[] a = new long[REFERENCE.maskWords()], b = new long[REFERENCE.maskWords()];
        int[] tokens = Llama3.TOKENIZER.encode(instance);
        for (int i = 0; i < tokens.length; i++) {
            fast.fillMask(a);
            slow.fillMask(b);
            assertArrayEquals(b, a, "step " + i + " of " + Llama3.show(instance));
            int step = i;
            assertTrue(fast.commit(tokens[i]) & slow.commit(tokens[i]), () -> "rejected at step " + step + ": " + Llama3.show(instance));
        }
        assertTrue(fast.isAccepting() && slow.isAccepting());
    }
}
