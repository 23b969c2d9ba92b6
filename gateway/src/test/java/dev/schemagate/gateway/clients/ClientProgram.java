package dev.schemagate.gateway.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one client program under {@code src/test/clients} (each asserts what its SDK saw and prints one JSON summary
 * line) and requires it to pass: exit 0, its own client name, no failed check. Output goes to {@code target/client-runs}.
 */
final class ClientProgram {
    static final Path LOGS = Path.of("target", "client-runs");
    private static final Path PROGRAMS = Path.of("src", "test", "clients");
    /** A limit for a hung client only; a healthy run of the slowest program takes about a minute. */
    private static final long TIMEOUT_MINUTES = 15;

    private ClientProgram() {}

    /** The absolute path of a program, e.g. {@code python/openai_sdk.py}. */
    static String path(String name) {
        return PROGRAMS.resolve(name).toAbsolutePath().toString();
    }

    static void assertPasses(String client, List<String> command, Map<String, String> extraEnv) throws Exception {
        Files.createDirectories(LOGS);
        Path out = LOGS.resolve(client + ".out");
        Path err = LOGS.resolve(client + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(extraEnv);
        // No __pycache__ in the source tree next to the programs.
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        // A proxy in the environment would take the SDKs' loopback requests elsewhere.
        for (String proxy : List.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")) env.remove(proxy);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            fail(client + " did not finish within " + TIMEOUT_MINUTES + " minutes\n" + tail(err));
        }
        String stdout = Files.readString(out).strip();
        assertEquals(0, process.exitValue(), client + " failed: " + stdout + "\n" + tail(err));
        String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
        JsonNode summary = new ObjectMapper().readTree(last);
        assertEquals(client, summary.path("client").asText(), last);
        assertEquals(0, summary.path("failed").asInt(-1), last);
        assertTrue(summary.path("passed").asInt() > 0 && summary.path("passed").asInt() == summary.path("checks").size(), last);
    }

    static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
