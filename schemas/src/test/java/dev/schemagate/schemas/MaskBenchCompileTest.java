package dev.schemagate.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.schemas.instance.PythonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Compiles every MaskBench schema and reports how many compile, and why the others are refused. Instances
 * of compiled files are checked with the reference recognizer; the counts are printed, not asserted, except
 * that nothing but a refusal may escape the compiler.
 */
class MaskBenchCompileTest {
    private static final Path DATA = Path.of(System.getProperty("schemagate.shared", "../shared"), "maskbench", "data");

    @Test
    void compileAllSchemas() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DATA)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() > 1000, "MaskBench data not found under " + DATA);
        boolean checkInstances = !Boolean.getBoolean("schemagate.maskbench.compileOnly");
        Map<String, Integer> refusals = new TreeMap<>();
        List<String> crashes = new ArrayList<>();
        List<String> wrongAcceptances = new ArrayList<>();
        List<String> validRejections = new ArrayList<>();
        int compiled = 0, passingFiles = 0;
        for (Path file : files) {
            JsonNode doc = PythonJson.MAPPER.readTree(file.toFile());
            Grammar g;
            try {
                g = JsonSchemaCompiler.compile(doc.get("schema"), JsonSchemaOptions.DEFAULT);
            } catch (SchemaCompileException e) {
                refusals.merge(e.keyword(), 1, Integer::sum);
                continue;
            } catch (GrammarException e) {
                refusals.merge("(grammar) " + e.getClass().getSimpleName(), 1, Integer::sum);
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                crashes.add(file.getFileName() + ": " + e);
                continue;
            }
            compiled++;
            if (!checkInstances) continue;
            boolean filePasses = true;
            for (JsonNode test : doc.path("tests")) {
                String text = PythonJson.dumps(test.get("data"));
                boolean valid = test.get("valid").booleanValue();
                boolean accepted;
                try {
                    accepted = ReferenceRecognizer.accepts(g, text);
                } catch (GrammarException e) {
                    crashes.add(file.getFileName() + " (recognizer): " + e.getMessage());
                    filePasses = false;
                    continue;
                }
                if (accepted && !valid) wrongAcceptances.add(file.getFileName() + ": " + text);
                if (!accepted && valid) validRejections.add(file.getFileName().toString());
                filePasses &= accepted == valid;
            }
            if (filePasses) passingFiles++;
        }
        System.out.printf("MaskBench: %d files, %d compiled, %d refused%n", files.size(), compiled, files.size() - compiled - crashes.size());
        refusals.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  refused by %-28s %5d%n", e.getKey(), e.getValue()));
        if (checkInstances) {
            System.out.printf("  passing files %d, valid instances rejected %d, invalid instances accepted %d%n",
                    passingFiles, validRejections.size(), wrongAcceptances.size());
            wrongAcceptances.stream().limit(50).forEach(w -> System.out.println("  WRONG ACCEPT " + w));
            validRejections.stream().limit(50).forEach(w -> System.out.println("  VALID REJECTED " + w));
        }
        crashes.forEach(c -> System.out.println("  CRASH " + c));
        assertEquals(List.of(), crashes);
    }
}
