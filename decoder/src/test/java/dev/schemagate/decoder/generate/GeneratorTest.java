package dev.schemagate.decoder.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.decoder.Model;
import dev.schemagate.decoder.model.Architecture;
import dev.schemagate.decoder.model.LoadProgress;
import dev.schemagate.decoder.model.TinyModels;
import dev.schemagate.decoder.sampling.SamplingParams;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.kernels.GgmlType;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation loop on a tiny random model: a random model writes garbage, so constraints show clearly. */
class GeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path modelFile;

    @BeforeAll
    static void writeModel() throws Exception {
        modelFile = TinyModels.write(dir.resolve("tiny.gguf"), Architecture.LLAMA, GgmlType.Q8_0, true, 5);
    }

    @Test
    void aSchemaConstrainedOutputIsCompleteAndValidWhateverTheSeed() throws Exception {
        JsonNode schema = JSON.readTree("""
                {"type":"object","properties":{"id":{"type":"string","pattern":"^[a-z]{1,3}[0-9]?$"},
                 "tag":{"enum":["a","bc"]},"ok":{"type":"boolean"}},"required":["id","tag","ok"],"additionalProperties":false}""");
        try (Model model = Model.load(modelFile, 2, LoadProgress.NONE)) {
            MaskEngine engine = new MaskEngine(model.tokenizer().vocabulary());
            var constraint = engine.compile(JsonSchemaCompiler.compile(schema, JsonSchemaOptions.COMPACT));
            Generator generator = new Generator(model.newTransformer(16, 256), model.tokenizer().vocabulary());
            for (long seed = 1; seed <= 5; seed++) {
                StringBuilder streamed = new StringBuilder();
                GenerationResult result = generator.generate(model.tokenizer().encode("<|im_start|>user\nJSON please"),
                        new GenerationSettings(200, new SamplingParams(1.5f, 0, 1f, 0f, seed), List.of()),
                        new MatcherConstraint(constraint.matcher()), streamed::append);
                assertEquals(FinishReason.STOP, result.finishReason(), result.text());
                assertTrue(result.accepted());
                assertEquals(result.text(), streamed.toString());
                JsonNode value = JSON.readTree(result.text());
                assertTrue(value.path("id").asText().matches("[a-z]{1,3}[0-9]?"), result.text());
                assertTrue(List.of("a", "bc").contains(value.path("tag").asText()), result.text());
                assertTrue(value.path("ok").isBoolean(), result.text());
                assertEquals(3, value.size(), result.text());
            }
        }
    }

    @Test
    void theBudgetEndsWithLengthAndAnIncompleteConstraintSaysSo() throws Exception {
        JsonNode schema = JSON.readTree("{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":50}");
        try (Model model = Model.load(modelFile, 1, LoadProgress.NONE)) {
            MaskEngine engine = new MaskEngine(model.tokenizer().vocabulary());
            var constraint = engine.compile(JsonSchemaCompiler.compile(schema, JsonSchemaOptions.COMPACT));
            Generator generator = new Generator(model.newTransformer(16, 64), model.tokenizer().vocabulary());
            GenerationResult result = generator.generate(new int[] {1, 2, 3},
                    new GenerationSettings(10, SamplingParams.GREEDY, List.of()), new MatcherConstraint(constraint.matcher()), d -> { });
            assertEquals(FinishReason.LENGTH, result.finishReason());
            assertEquals(10, result.tokens().length);
            assertFalse(result.accepted());
        }
    }

    @Test
    void greedyGenerationIsDeterministicAndStopsAtAStopString() throws Exception {
        try (Model model = Model.load(modelFile, 2, LoadProgress.NONE)) {
            Generator generator = new Generator(model.newTransformer(16, 128), model.tokenizer().vocabulary());
            GenerationSettings settings = new GenerationSettings(40, SamplingParams.GREEDY, List.of());
            GenerationResult first = generator.generate(new int[] {72, 105}, settings, null, d -> { });
            GenerationResult again = generator.generate(new int[] {72, 105}, settings, null, d -> { });
            assertArrayEquals(first.tokens(), again.tokens());
            assertTrue(first.text().length() >= 2, first.text());
            String stop = first.text().substring(1, 2);
            GenerationResult stopped = generator.generate(new int[] {72, 105},
                    new GenerationSettings(40, SamplingParams.GREEDY, List.of(stop)), null, d -> { });
            assertEquals(FinishReason.STOP, stopped.finishReason());
            assertEquals(first.text().substring(0, first.text().indexOf(stop)), stopped.text());
        }
    }

    @Test
    void aPromptBeyondTheContextIsRefused() throws Exception {
        try (Model model = Model.load(modelFile, 1, LoadProgress.NONE)) {
            Generator generator = new Generator(model.newTransformer(16, 32), model.tokenizer().vocabulary());
            assertThrows(IllegalArgumentException.class, () -> generator.generate(new int[30],
                    new GenerationSettings(10, SamplingParams.GREEDY, List.of()), null, d -> { }));
            assertThrows(IllegalArgumentException.class, () -> generator.generate(new int[0],
                    new GenerationSettings(10, SamplingParams.GREEDY, List.of()), null, d -> { }));
        }
    }
}
