package dev.schemagate.tokenizer;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fetched tokenizer.json files and reference encodings in the schemagate cache; absent files fail the test. */
final class ReferenceFiles {
    /** One corpus string; kind names its group (maskbench, unicode, digits, ...). */
    record Case(String kind, String text, int[] ids) {}

    private ReferenceFiles() {}

    static Path cache() {
        String configured = System.getProperty("schemagate.cache");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "schemagate");
    }

    static BpeTokenizer tokenizer(String name) throws IOException {
        Path json = cache().resolve("tokenizers").resolve(name).resolve("tokenizer.json");
        if (!Files.isRegularFile(json)) {
            fail(json + " is missing: run scripts/fetch-tokenizer.sh " + name + " (with SCHEMAGATE_CACHE=" + cache() + ")");
        }
        return BpeTokenizer.load(json);
    }

    static List<Case> referenceCases(String name) throws IOException {
        Path file = cache().resolve("reference").resolve(name + "-encodings.json");
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing: run scripts/tokenizer-reference.sh " + name + " (with SCHEMAGATE_CACHE=" + cache() + ")");
        }
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(file.toFile()).path("cases")) {
            int[] ids = new int[c.path("ids").size()];
            for (int i = 0; i < ids.length; i++) ids[i] = c.path("ids").get(i).asInt();
            cases.add(new Case(c.path("kind").asText(), c.path("text").asText(), ids));
        }
        if (cases.isEmpty()) fail(file + " holds no cases: rerun scripts/tokenizer-reference.sh " + name);
        return cases;
    }
}
