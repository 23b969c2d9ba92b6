package dev.schemagate.gateway.clients;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemagate.decoder.model.LoadProgress;
import dev.schemagate.gateway.GatewayConfig;
import dev.schemagate.gateway.GatewayServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official agent clients, unchanged, against {@code /v1/responses} on a real server with the real default model:
 * the openai Python SDK's Responses API with server-side MCP tools (the MCP test server over Streamable HTTP), and
 * the OpenAI Agents SDK running an agent with two function tools. The programs are
 * {@code src/test/clients/python/responses_sdk.py} and {@code agents_sdk.py}; the clients come from
 * {@code scripts/install-clients.sh}, the MCP server's Python from {@code scripts/install-mcp-servers.sh}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentClientsTest {
    private static final String MODEL_ID = "SmolLM2-135M-Instruct.Q4_1";
    private static final Path MCP_SERVER = Path.of("src", "test", "mcp", "test_server.py");
    /** Only against a server that never comes up; it listens within a few seconds. */
    private static final long MCP_START_SECONDS = 60;

    private final Path cache = Path.of(System.getProperty("schemagate.cache", System.getProperty("user.home") + "/.cache/schemagate"));
    private final Path clients = cache.resolve("clients");
    private final Path mcpPython = cache.resolve("mcp/venv/bin/python");
    private final Path model = cache.resolve("models").resolve(MODEL_ID + ".gguf");
    private GatewayServer server;
    private Process mcpServer;
    private String mcpUrl;

    /** Starts the servers only when there is something to run; each test then says why it was skipped. */
    @BeforeAll
    void start() throws Exception {
        if (!Files.isDirectory(clients) || !Files.isRegularFile(model)) return;
        server = GatewayServer.start(GatewayConfig.defaults(model).withPort(0), LoadProgress.NONE);
        if (Files.isExecutable(mcpPython)) startMcpServer();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (mcpServer != null) {
            mcpServer.destroy();
            if (!mcpServer.waitFor(10, TimeUnit.SECONDS)) mcpServer.destroyForcibly().waitFor();
        }
        if (server != null) server.close();
    }

    @Test
    void openaiPythonResponsesApiWithMcpTools() throws Exception {
        List<String> command = List.of(python(), ClientProgram.path("python/responses_sdk.py"), baseUrl(), MODEL_ID);
        assumeTrue(mcpServer != null, mcpPython + " is absent: run scripts/install-mcp-servers.sh (./schemagate test does)");
        ClientProgram.assertPasses("openai-python-responses", command, Map.of("SCHEMAGATE_MCP_URL", mcpUrl));
    }

    @Test
    void openaiAgentsSdk() throws Exception {
        ClientProgram.assertPasses("openai-agents", List.of(python(), ClientProgram.path("python/agents_sdk.py"), baseUrl(), MODEL_ID), Map.of());
    }

    private String python() {
        assumeTrue(Files.isDirectory(clients), clients + " is absent: run scripts/install-clients.sh (./schemagate test does)");
        assumeTrue(server != null, model + " is absent: run scripts/fetch-model.sh");
        Path python = clients.resolve("venv/bin/python");
        assumeTrue(Files.isExecutable(python), python + " is absent: run scripts/install-clients.sh");
        return python.toString();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** The MCP test server over Streamable HTTP on a free loopback port; ready once it accepts connections. */
    private void startMcpServer() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            port = probe.getLocalPort();
        }
        Files.createDirectories(ClientProgram.LOGS);
        Path log = ClientProgram.LOGS.resolve("mcp-test-server.log");
        mcpServer = new ProcessBuilder(mcpPython.toString(), MCP_SERVER.toAbsolutePath().toString(), "--http", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MCP_START_SECONDS);
        while (true) {
            if (!mcpServer.isAlive()) fail("the MCP test server exited with " + mcpServer.exitValue() + ":\n" + ClientProgram.tail(log));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(loopback, port), 500);
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) fail("the MCP test server did not listen on port " + port + " within " + MCP_START_SECONDS + " s:\n" + ClientProgram.tail(log));
                Thread.sleep(100);
            }
        }
        mcpUrl = "http://127.0.0.1:" + port + "/mcp";
    }
}
