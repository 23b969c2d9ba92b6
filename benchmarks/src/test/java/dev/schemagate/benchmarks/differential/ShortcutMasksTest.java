package dev.schemagate.benchmarks.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.benchmarks.SharedAssets;
import dev.schemagate.benchmarks.maskbench.FileSampler;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.instance.PythonJson;
import dev.schemagate.tokenizer.BpeTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's shortcuts (mask plans from safe-token length classes, cached boundary survivors) must give
 * exactly the masks of the plain whole-trie walk, on the real Llama-3 vocabulary, at every step of real
 * MaskBench instances: strings with and without length bounds, patterns, keys, numbers, nesting.
 */
class ShortcutMasksTest {
    @Test
    void shortcutMasksEqualWholeTrieWalksOnMaskBenchInstances() throws Exception {
        BpeTokenizer tokenizer = BpeTokenizer.load(SharedAssets.llama3Tokenizer());
        MaskEngine fast = new MaskEngine(tokenizer.vocabulary());
        MaskEngine reference = MaskEngine.withoutShortcuts(tokenizer.vocabulary());
        Path data = SharedAssets.shared().resolve("maskbench/data");
        List<Path> all;
        try (Stream<Path> s = Files.list(data)) {
            all = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        // Files with length-bounded strings first (the shortcut's counter chains), then a random sample.
        List<Path> bounded = all.stream().filter(ShortcutMasksTest::hasMaxLength).limit(25).toList();
        List<Path> files = Stream.concat(bounded.stream(), FileSampler.sample(all, 25, 5).stream()).toList();
        long[] a = new long[fast.maskWords()], b = new long[fast.maskWords()];
        int steps = 0;
        for (Path file : files) {
            JsonNode doc = PythonJson.MAPPER.readTree(file.toFile());
            Grammar g;
            try {
                g = JsonSchemaCompiler.compile(doc.get("schema"), JsonSchemaOptions.DEFAULT);
                fast.compile(g);
            } catch (GrammarException e) {
                continue;
            }
            Matcher mf = fast.compile(g).matcher(), mr = reference.compile(g).matcher();
            for (JsonNode test : doc.path("tests")) {
                mf.reset();
                mr.reset();
                for (int token : tokenizer.encode(PythonJson.dumps(test.get("data")))) {
                    mf.fillMask(a);
                    mr.fillMask(b);
                    steps++;
                    if (!Arrays.equals(a, b)) throw new AssertionError("masks differ in " + file.getFileName() + " at step " + steps);
                    if (!mf.commit(token) | !mr.commit(token)) break;
                }
            }
        }
        assertTrue(steps > 5_000, "too few steps compared: " + steps);
    }

    private static boolean hasMaxLength(Path p) {
        try {
            return Files.readString(p).contains("\"maxLength\"");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
