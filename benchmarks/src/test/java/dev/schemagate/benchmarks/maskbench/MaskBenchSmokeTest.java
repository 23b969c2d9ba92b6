package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.benchmarks.SharedAssets;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixed 300-file sample of `./schemagate maskbench ... --limit 300 --seed 1`, for correctness only. */
class MaskBenchSmokeTest {
    private static final int SAMPLE = 300;
    private static final long SEED = 1;
    /** Measured passing count of this sample minus a small margin; raise it as support grows. */
    private static final int PASSING_FLOOR = 270;

    @Test
    void sampleHasNoInvalidationErrorAndEnoughPassingFiles(@TempDir Path dir) throws Exception {
        BpeTokenizer tokenizer = BpeTokenizer.load(SharedAssets.llama3Tokenizer());
        MaskEngine engine = new MaskEngine(tokenizer.vocabulary());
        JsonSchemaFrontEnd frontEnd = new JsonSchemaFrontEnd(engine, JsonSchemaOptions.DEFAULT);
        List<Path> files = FileSampler.sample(
                MaskBench.collectFiles(List.of(SharedAssets.shared().resolve("maskbench/data"))), SAMPLE, SEED);
        Path out = dir.resolve("summary.json");

        MaskBench bench = new MaskBench(() -> new FileRunner(frontEnd, tokenizer, engine.maskWords()), 60, System.err);
        MaskBenchSummary summary = bench.run(files, out);
        System.out.println(summary.markdownTable());

        assertEquals(SAMPLE, summary.schemas());
        assertEquals(0, summary.invalidationError(), "invalid instances were accepted; see " + MaskBench.perSchemaPath(out));
        assertTrue(summary.passing() >= PASSING_FLOOR, summary.passing() + " passing, floor " + PASSING_FLOOR);
        JsonNode written = new ObjectMapper().readTree(out.toFile());
        assertEquals(summary.passing(), written.get("passing").asInt());
        assertEquals(SAMPLE, Files.readAllLines(MaskBench.perSchemaPath(out)).size());
    }
}
