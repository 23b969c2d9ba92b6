package dev.schemagate.benchmarks.maskbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.benchmarks.SharedAssets;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.tokenizer.BpeTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code maskbench --grammar}: every syntax reads its text, and the runner measures and counts like MaskBench. */
class GrammarInputsRunnerTest {
    @Test
    void everySyntaxReadsItsText() {
        JsonSchemaOptions o = JsonSchemaOptions.DEFAULT;
        assertTrue(ReferenceRecognizer.accepts(GrammarSyntax.GBNF.compile("root ::= \"a\"+", o), "aa"));
        assertTrue(ReferenceRecognizer.accepts(GrammarSyntax.LARK.compile("start: \"a\" %json {\"type\": \"integer\"}", o), "a7"));
        assertTrue(ReferenceRecognizer.accepts(GrammarSyntax.REGEX.compile("a\\d+\n", o), "a12"));
        assertTrue(ReferenceRecognizer.accepts(GrammarSyntax.CHOICE.compile("[\"x\", \"y\"]", o), "y"));
        assertTrue(ReferenceRecognizer.accepts(GrammarSyntax.JSONSCHEMA.compile("{\"type\": \"boolean\"}", o), "true"));
        assertThrows(GrammarException.class, () -> GrammarSyntax.CHOICE.compile("{\"x\": 1}", o));
    }

    @Test
    void inputsAreWalkedTokenByTokenAndRejectionsCounted() throws Exception {
        BpeTokenizer tokenizer = BpeTokenizer.load(SharedAssets.llama3Tokenizer());
        MaskEngine engine = new MaskEngine(tokenizer.vocabulary());
        GrammarInputsRunner runner = new GrammarInputsRunner(
                new GrammarFrontEnd(engine, GrammarSyntax.GBNF, JsonSchemaOptions.DEFAULT), tokenizer, engine.maskWords());
        List<String> inputs = List.of("key = value\n", "a = b\nc = d\n", "no equals sign\n");
        List<Integer> rejected = new ArrayList<>();
        FileResult r = runner.run("pairs.gbnf", "root ::= (word \" = \" word \"\\n\")+\nword ::= [a-z]+", inputs, rejected);
        assertEquals(FileStatus.FAILING, r.status());
        assertEquals(List.of(2), rejected);
        assertEquals(1, r.validationErrors());
        assertEquals(3, r.tests());
        long fullTokens = tokenizer.encode(inputs.get(0)).length + tokenizer.encode(inputs.get(1)).length;
        assertTrue(r.tokens() > fullTokens && r.tbm().size() == r.tokens(), r.tokens() + " tokens");
        MaskBenchSummary summary = GrammarInputsRunner.summary(r);
        assertEquals(1, summary.schemas());
        assertEquals(r.tokens(), summary.tokens());

        FileResult refused = runner.run("bad.gbnf", "root ::= missing", inputs, new ArrayList<>());
        assertEquals(FileStatus.COMPILE_ERROR, refused.status());
        assertTrue(refused.error().contains("'missing' is not defined"), refused.error());
    }
}
