package dev.schemagate.gateway.clients;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemagate.decoder.model.LoadProgress;
import dev.schemagate.gateway.GatewayConfig;
import dev.schemagate.gateway.GatewayServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official clients, unchanged, against a real server with the real default model: the openai Python SDK
 * (Pydantic parse, strict tools, streaming), Instructor, and the openai npm SDK with zod. Each program under
 * {@code src/test/clients} asserts what its SDK saw and prints one JSON summary line; this test runs them.
 * The clients come from {@code scripts/install-clients.sh} (run by {@code ./schemagate test}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialClientsTest {
    private static final String MODEL_ID = "SmolLM2-135M-Instruct.Q4_1";

    private final Path cache = Path.of(System.getProperty("schemagate.cache", System.getProperty("user.home") + "/.cache/schemagate"));
    private final Path clients = cache.resolve("clients");
    private final Path model = cache.resolve("models").resolve(MODEL_ID + ".gguf");
    private GatewayServer server;

    /** Starts the server only when there is something to run; each test then says why it was skipped. */
    @BeforeAll
    void start() throws IOException {
        if (Files.isDirectory(clients) && Files.isRegularFile(model)) {
            server = GatewayServer.start(GatewayConfig.defaults(model).withPort(0), LoadProgress.NONE);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void openaiPythonSdk() throws Exception {
        assertClientPasses("openai-python", List.of(python().toString(), program("python/openai_sdk.py")));
    }

    @Test
    void instructor() throws Exception {
        assertClientPasses("instructor", List.of(python().toString(), program("python/instructor_extract.py")));
    }

    @Test
    void openaiNodeSdkWithZod() throws Exception {
        assumeServing();
        assumeTrue(Files.isDirectory(clients.resolve("node/node_modules/openai")), "no npm openai under " + clients + "/node: run scripts/install-clients.sh");
        assertClientPasses("openai-node", List.of("node", program("node/openai_zod.mjs")));
    }

    private void assumeServing() {
        assumeTrue(Files.isDirectory(clients), clients + " is absent: run scripts/install-clients.sh (./schemagate test does)");
        assumeTrue(server != null, model + " is absent: run scripts/fetch-model.sh");
    }

    private Path python() {
        assumeServing();
        Path python = clients.resolve("venv/bin/python");
        assumeTrue(Files.isExecutable(python), python + " is absent: run scripts/install-clients.sh");
        return python;
    }

    private static String program(String name) {
        return ClientProgram.path(name);
    }

    /** Runs one client program against the server; it must exit 0 after a summary line with no failed check. */
    private void assertClientPasses(String client, List<String> command) throws Exception {
        List<String> arguments = Stream.concat(command.stream(), Stream.of("http://127.0.0.1:" + server.port() + "/v1", MODEL_ID)).toList();
        ClientProgram.assertPasses(client, arguments, Map.of("SCHEMAGATE_CLIENTS", clients.toString()));
    }
}
