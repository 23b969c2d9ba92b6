package dev.schemagate.gateway.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.decoder.gguf.GgufFile;
import dev.schemagate.decoder.tokens.GgufTokenizer;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.tokenizer.TokenVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tool-call grammar, its parser, and the auto-mode trigger, on the real SmolLM2 tokenizer. */
class ToolCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GgufTokenizer tokenizer;
    private static ToolSpec weather;
    private static ToolSpec time;

    @BeforeAll
    static void load() throws Exception {
        Path model = Path.of(System.getProperty("schemagate.cache", System.getProperty("user.home") + "/.cache/schemagate"),
                "models", "SmolLM2-135M-Instruct.Q4_1.gguf");
        assumeTrue(Files.isRegularFile(model), model + " is absent: run scripts/fetch-model.sh");
        try (GgufFile gguf = GgufFile.open(model)) {
            tokenizer = GgufTokenizer.load(gguf);
        }
        weather = new ToolSpec("get_weather", "weather", JSON.readTree("""
                {"type":"object","properties":{"city":{"type":"string","maxLength":20},"unit":{"enum":["c","f"]}},
                 "required":["city","unit"],"additionalProperties":false}"""), true);
        time = new ToolSpec("get_time", null, JSON.readTree("{\"type\":\"object\",\"properties\":{}}"), false);
    }

    @Test
    void grammarAcceptsWellFormedCallsOnly() {
        Grammar one = ToolCallFormat.grammar(List.of(weather, time), false, false);
        String call = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\",\"unit\":\"c\"}}\n</tool_call>";
        assertTrue(ReferenceRecognizer.accepts(one, call));
        assertFalse(ReferenceRecognizer.accepts(one, call.replace("\"c\"", "\"k\"")), "unit outside the enum");
        assertFalse(ReferenceRecognizer.accepts(one, call.replace("get_weather", "get_wether")), "unknown tool");
        assertFalse(ReferenceRecognizer.accepts(one, call + "\n" + call), "parallel calls are off");
        Grammar parallel = ToolCallFormat.grammar(List.of(weather, time), true, false);
        String second = "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call>";
        assertTrue(ReferenceRecognizer.accepts(parallel, call + "\n" + second));
        Grammar opened = ToolCallFormat.grammar(List.of(weather), false, true);
        assertTrue(ReferenceRecognizer.accepts(opened, call.substring(ToolCallFormat.OPEN.length())));
    }

    @Test
    void parseSplitsContentFromCallsAndRendersThemBack() {
        String text = "Let me look.\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call>\n"
                + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\", \"unit\": \"f\"}}\n</tool_call>";
        ToolCallFormat.ParsedOutput parsed = ToolCallFormat.parse(text);
        assertEquals("Let me look.", parsed.content());
        assertEquals(List.of(new ToolCallFormat.ParsedCall("get_time", "{}"),
                new ToolCallFormat.ParsedCall("get_weather", "{\"city\":\"Oslo\",\"unit\":\"f\"}")), parsed.calls());
        assertEquals(parsed.calls(), ToolCallFormat.parse(ToolCallFormat.render(parsed.calls())).calls());
        assertEquals("no call here", ToolCallFormat.parse("no call here").content());
    }

    @Test
    void autoModeIsFreeUntilTheTagThenHoldsTheCallToItsSchema() {
        TokenVocabulary vocabulary = tokenizer.vocabulary();
        int words = (vocabulary.size() + 63) >>> 6;
        MaskEngine engine = new MaskEngine(vocabulary);
        TriggerMasks trigger = new TriggerMasks(vocabulary, ToolCallFormat.OPEN, words);
        Matcher afterTag = engine.compile(ToolCallFormat.grammar(List.of(weather), false, true)).matcher();
        TriggeredConstraint constraint = new TriggeredConstraint(trigger, vocabulary, afterTag);
        long[] mask = new long[words];

        int[] free = tokenizer.encode("I will check the weather. " + ToolCallFormat.OPEN);
        for (int t : free) {
            constraint.fillMask(mask);
            assertTrue(allowed(mask, t), "free text token " + t + " is allowed");
            assertTrue(constraint.isAccepting(), "free text may end anywhere before the tag");
            constraint.commit(t);
        }
        assertTrue(constraint.triggered());
        assertFalse(constraint.isAccepting());
        int[] call = tokenizer.encode("\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\",\"unit\":\"c\"}}\n</tool_call>");
        for (int t : call) {
            constraint.fillMask(mask);
            assertTrue(allowed(mask, t), "call token " + t + " is allowed");
            assertTrue(constraint.commit(t));
        }
        assertTrue(constraint.isAccepting());
    }

    @Test
    void aTokenThatRunsPastTheTagIsMaskedSoTheSwitchIsAtATokenBoundary() {
        TokenVocabulary vocabulary = tokenizer.vocabulary();
        int words = (vocabulary.size() + 63) >>> 6;
        TriggerMasks trigger = new TriggerMasks(vocabulary, ToolCallFormat.OPEN, words);
        int state = trigger.advance(0, "<tool_call".getBytes());
        long[] mask = new long[words];
        trigger.fill(state, mask);
        int crossing = 0;
        for (int id = 0; id < vocabulary.size(); id++) {
            String text = new String(vocabulary.bytes(id));
            if (!vocabulary.isSpecial(id) && text.startsWith(">") && text.length() > 1) {
                assertFalse(allowed(mask, id), "'" + text + "' would end the tag inside the token");
                crossing++;
            }
        }
        assertTrue(crossing > 0, "the vocabulary has tokens like '>\\n' to test with");
        int close = tokenizer.encode(">")[0];
        assertTrue(allowed(mask, close));
        assertEquals(trigger.length(), trigger.advance(state, vocabulary.bytes(close)));
    }

    private static boolean allowed(long[] mask, int token) {
        return (mask[token >>> 6] & (1L << token)) != 0;
    }
}
