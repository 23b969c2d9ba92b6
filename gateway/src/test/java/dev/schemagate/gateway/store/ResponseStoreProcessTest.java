package dev.schemagate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store against a second JVM: a put that returned survives kill -9, and one process at a time owns a directory. */
class ResponseStoreProcessTest {
    @TempDir
    Path dir;

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
    }

    private String firstLine(Process child) throws IOException {
        String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new AssertionError("the child JVM ended without output: " + Files.readString(dir.resolve("child.err")));
        }
        return line;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyReturnedPutSurvivesKillDashNine() throws Exception {
        Path data = dir.resolve("data");
        int n = 50;
        Process child = start("put", data.toString(), Integer.toString(n));
        try {
            assertEquals("done", firstLine(child));
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL, not a clean exit");
        try (ResponseStore store = ResponseStore.open(data)) {
            for (int i = 0; i < n; i++) {
                assertEquals(StoreChild.chained(i), store.get("resp_" + i).orElseThrow(), "resp_" + i);
            }
            assertEquals(n, store.chain("resp_" + (n - 1)).size());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aDirectoryHeldByAnotherProcessIsRefusedUntilItsStoreCloses() throws Exception {
        Path data = dir.resolve("data");
        Process child = start("hold", data.toString());
        try {
            assertEquals("ready", firstLine(child));
            StoreException refused = assertThrows(StoreException.class, () -> ResponseStore.open(data));
            assertTrue(refused.getMessage().contains("in use by another process"), refused.getMessage());
            child.getOutputStream().close();
            assertEquals(0, child.waitFor(), "the child closes its store cleanly");
        } finally {
            child.destroyForcibly();
        }
        try (ResponseStore store = ResponseStore.open(data)) {
            assertTrue(store.get("resp_0").isEmpty());
        }
    }
}
