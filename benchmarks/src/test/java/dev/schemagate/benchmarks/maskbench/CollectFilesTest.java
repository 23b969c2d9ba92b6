package dev.schemagate.benchmarks.maskbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CollectFilesTest {

    @Test
    void foldersGiveTheirJsonFilesInNameOrderAndFilesAreKeptAsGiven(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        for (String name : List.of("b.json", "a.json", "notes.txt", "c.json")) Files.writeString(data.resolve(name), "{}");
        Files.createDirectory(data.resolve("nested.json"));
        Path single = Files.writeString(dir.resolve("z.json"), "{}");

        assertEquals(List.of(single, data.resolve("a.json"), data.resolve("b.json"), data.resolve("c.json")),
                MaskBench.collectFiles(List.of(single, data)));
    }

    @Test
    void anythingElseIsRefused(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThrows(IllegalArgumentException.class, () -> MaskBench.collectFiles(List.of(text)));
        assertThrows(IllegalArgumentException.class, () -> MaskBench.collectFiles(List.of(dir.resolve("missing.json"))));
    }

    @Test
    void perSchemaFileSitsNextToTheSummary() {
        assertEquals(Path.of("out", "run.json.per-schema.jsonl"), MaskBench.perSchemaPath(Path.of("out", "run.json")));
    }
}
