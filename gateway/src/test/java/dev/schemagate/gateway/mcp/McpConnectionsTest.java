package dev.schemagate.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The MCP client against real servers: the Python test server ({@code src/test/mcp/test_server.py}, PyPI {@code mcp})
 * and npm {@code @modelcontextprotocol/server-everything}, each over stdio and over Streamable HTTP. The servers
 * come from {@code scripts/install-mcp-servers.sh} (run by {@code ./schemagate test}).
 */
class McpConnectionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEST_SERVER = Path.of("src", "test", "mcp", "test_server.py").toAbsolutePath();
    private static final Path LOGS = Path.of("target", "mcp-servers");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Starting Python with the mcp SDK or Node takes seconds on a loaded machine; this only bounds a hang. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final Path servers = Path.of(System.getProperty("schemagate.cache", System.getProperty("user.home") + "/.cache/schemagate")).resolve("mcp");
    private final List<Process> httpServers = new ArrayList<>();
    private McpConnections pool;

    enum Transport { STDIO, HTTP }

    @BeforeEach
    void openPool() {
        pool = new McpConnections(UrlAllowList.loopbackOnly(), CONNECT_TIMEOUT);
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        pool.close();
        for (Process process : httpServers) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(Set.of(), serverProcesses(), "MCP server processes outlived the test");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pythonServerListsEveryPageOfToolsWithTheirSchemas(Transport transport) throws Exception {
        McpServerTarget target = python(transport, 3);
        List<McpTool> tools = pool.connect(target).listTools();
        Map<String, McpTool> byName = tools.stream().collect(Collectors.toMap(McpTool::name, Function.identity()));
        assertEquals(Set.of("convert_temperature", "add", "create_order", "lookup_city", "poll_status", "queue_length", "next_ticket", "hang",
                "fail"), byName.keySet());
        assertEquals(9, tools.size(), "pages must neither repeat nor drop tools");

        JsonNode add = byName.get("add").inputSchema();
        assertEquals(0, add.at("/properties/a/minimum").asInt());
        assertEquals(1000, add.at("/properties/b/maximum").asInt());
        assertEquals("integer", add.at("/properties/a/type").asText());
        JsonNode convert = byName.get("convert_temperature").inputSchema();
        assertEquals(List.of("celsius", "fahrenheit", "kelvin"), texts(convert.at("/properties/from_unit/enum")));
        JsonNode order = byName.get("create_order").inputSchema();
        assertEquals("array", order.at("/properties/items/type").asText());
        assertEquals(99, order.at("/$defs/OrderItem/properties/quantity/maximum").asInt());
        assertTrue(order.at("/$defs/Customer/required").toString().contains("email"), order.toString());
        assertFalse(byName.get("lookup_city").description().isBlank());
        assertTrue(tools.stream().allMatch(t -> t.serverLabel().equals(target.label())), tools.toString());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pythonToolsComputeRealResults(Transport transport) throws Exception {
        McpConnection connection = pool.connect(python(transport, 0));
        assertEquals(new McpCallResult("42", null), connection.call("add", args("{\"a\": 17, \"b\": 25}"), CALL_TIMEOUT));
        assertEquals(new McpCallResult("100 celsius = 212 fahrenheit", null),
                connection.call("convert_temperature", args("{\"value\": 100, \"from_unit\": \"celsius\", \"to_unit\": \"fahrenheit\"}"), CALL_TIMEOUT));
        McpCallResult order = connection.call("create_order", args("""
                {"customer": {"name": "Ada", "email": "ada@example.org"},
                 "items": [{"sku": "A-1", "quantity": 2}, {"sku": "B-7", "quantity": 5}], "priority": "high"}"""), CALL_TIMEOUT);
        assertNull(order.error(), order.toString());
        assertTrue(order.output().contains("Ada") && order.output().contains("7 units") && order.output().contains("high"), order.output());
        McpCallResult city = connection.call("lookup_city", args("{\"name\": \"Nairobi\"}"), CALL_TIMEOUT);
        assertTrue(city.output().contains("Kenya"), city.toString());
        assertEquals(new McpCallResult("status: pending, call again", null), connection.call("poll_status", args("{\"job_id\": \"j1\"}"), CALL_TIMEOUT));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void toolFailuresComeBackAsErrorResults(Transport transport) throws Exception {
        McpConnection connection = pool.connect(python(transport, 0));
        McpCallResult failed = connection.call("fail", args("{\"reason\": \"disk on fire\"}"), CALL_TIMEOUT);
        assertNull(failed.output());
        assertTrue(failed.failed() && failed.error().contains("disk on fire"), failed.toString());
        McpCallResult unknownCity = connection.call("lookup_city", args("{\"name\": \"Atlantis\"}"), CALL_TIMEOUT);
        assertTrue(unknownCity.failed() && unknownCity.error().contains("unknown city"), unknownCity.toString());
        McpCallResult outOfRange = connection.call("add", args("{\"a\": 5000, \"b\": 1}"), CALL_TIMEOUT);
        assertTrue(outOfRange.failed() && outOfRange.error().contains("1000"), outOfRange.toString());
        McpCallResult unknownTool = connection.call("no_such_tool", JSON.createObjectNode(), CALL_TIMEOUT);
        assertTrue(unknownTool.failed() && unknownTool.error().contains("no_such_tool"), unknownTool.toString());
        assertEquals(new McpCallResult("3", null), connection.call("add", args("{\"a\": 1, \"b\": 2}"), CALL_TIMEOUT), "failures must not break the session");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHangingCallTimesOutAndTheSessionStillServes(Transport transport) throws Exception {
        McpServerTarget target = python(transport, 0);
        McpConnection connection = pool.connect(target);
        assertEquals(new McpCallResult(null, "tool 'hang' timed out after 1000 ms"), connection.call("hang", args("{\"seconds\": 1}"), Duration.ofSeconds(1)));
        assertTrue(connection.isAlive());
        assertEquals(new McpCallResult("12", null), connection.call("add", args("{\"a\": 5, \"b\": 7}"), CALL_TIMEOUT));
        assertSame(connection, pool.connect(target), "the live session is reused");
    }

    @Test
    void concurrentCallersShareOneSessionAndCallItConcurrently() throws Exception {
        McpServerTarget target = python(Transport.STDIO, 0);
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<McpConnection>> connects = new ArrayList<>();
            for (int i = 0; i < 4; i++) connects.add(threads.submit(() -> pool.connect(target)));
            McpConnection first = connects.getFirst().get();
            for (Future<McpConnection> connect : connects) assertSame(first, connect.get());
            List<Future<McpCallResult>> sums = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int a = i * 100;
                sums.add(threads.submit(() -> first.call("add", args("{\"a\": " + a + ", \"b\": 1}"), CALL_TIMEOUT)));
            }
            for (int i = 0; i < 8; i++) assertEquals(new McpCallResult(String.valueOf(i * 100 + 1), null), sums.get(i).get());
        }
    }

    @Test
    void aKilledStdioServerFailsItsCallsAndTheNextConnectStartsAnother() throws Exception {
        McpServerTarget target = python(Transport.STDIO, 0);
        McpConnection connection = pool.connect(target);
        try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
            Future<McpCallResult> waiting = thread.submit(() -> connection.call("hang", args("{\"seconds\": 1}"), Duration.ofMinutes(5)));
            ProcessHandle server = serverProcesses().stream().findFirst().orElseThrow();
            server.destroyForcibly();
            server.onExit().get(30, TimeUnit.SECONDS);
            McpCallResult result = waiting.get(5, TimeUnit.MINUTES);
            assertTrue(result.failed() && result.error().contains("exited with code"), result.toString());
        }
        assertFalse(connection.isAlive());
        McpCallResult afterDeath = connection.call("add", args("{\"a\": 1, \"b\": 1}"), CALL_TIMEOUT);
        assertTrue(afterDeath.failed() && afterDeath.error().contains("exited"), afterDeath.toString());

        McpConnection again = pool.connect(target);
        assertNotSame(connection, again);
        assertEquals(new McpCallResult("2", null), again.call("add", args("{\"a\": 1, \"b\": 1}"), CALL_TIMEOUT));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void serverEverythingListsAndCallsItsTools(Transport transport) throws Exception {
        McpConnection connection = pool.connect(everything(transport));
        Map<String, McpTool> tools = connection.listTools().stream().collect(Collectors.toMap(McpTool::name, Function.identity()));
        assertTrue(tools.keySet().containsAll(Set.of("echo", "get-sum", "get-tiny-image")), tools.keySet().toString());
        assertEquals("string", tools.get("echo").inputSchema().at("/properties/message/type").asText());
        assertEquals("number", tools.get("get-sum").inputSchema().at("/properties/a/type").asText());

        assertEquals(new McpCallResult("Echo: schema-valid by construction", null),
                connection.call("echo", args("{\"message\": \"schema-valid by construction\"}"), CALL_TIMEOUT));
        McpCallResult sum = connection.call("get-sum", args("{\"a\": 19, \"b\": 23}"), CALL_TIMEOUT);
        assertTrue(sum.output().contains("42"), sum.toString());
        McpCallResult image = connection.call("get-tiny-image", JSON.createObjectNode(), CALL_TIMEOUT);
        assertNull(image.error(), image.toString());
        JsonNode imagePart = image.output().lines().filter(l -> l.startsWith("{")).map(McpConnectionsTest::json).findFirst().orElseThrow();
        assertEquals("image", imagePart.get("type").asText());
        assertEquals("image/png", imagePart.get("mimeType").asText());
        assertTrue(imagePart.get("bytes").asLong() > 0, image.output());
        McpCallResult invalid = connection.call("get-sum", args("{\"a\": \"nineteen\"}"), CALL_TIMEOUT);
        assertTrue(invalid.failed(), invalid.toString());
    }

    @Test
    void aServerThatCannotStartIsReportedWithItsLabelAndCause() throws Exception {
        McpException missing = assertThrows(McpException.class,
                () -> pool.connect(new McpServerTarget.Stdio("ghost", List.of("/nonexistent/mcp-server"), Map.of())));
        assertTrue(missing.getMessage().contains("'ghost'") && missing.getMessage().contains("/nonexistent/mcp-server"), missing.getMessage());

        List<String> crashing = List.of(python().toString(), "-c", "import sys; sys.stderr.write('no config found\\n'); sys.exit(3)");
        McpException crashed = assertThrows(McpException.class, () -> pool.connect(new McpServerTarget.Stdio("crasher", crashing, Map.of())));
        assertTrue(crashed.getMessage().contains("'crasher'") && crashed.getMessage().contains("exited with code 3")
                && crashed.getMessage().contains("no config found"), crashed.getMessage());

        String url = "http://127.0.0.1:" + freePort() + "/mcp";
        McpException refused = assertThrows(McpException.class, () -> pool.connect(new McpServerTarget.Http(url, Map.of())));
        assertTrue(refused.getMessage().contains(url), refused.getMessage());
    }

    @Test
    void aDisallowedUrlIsRefusedBeforeAnyConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             McpConnections tenOnly = new McpConnections(UrlAllowList.of(List.of("10.0.0.0/8")), CONNECT_TIMEOUT)) {
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/mcp";
            DisallowedUrlException refused = assertThrows(DisallowedUrlException.class, () -> tenOnly.connect(new McpServerTarget.Http(url, Map.of())));
            assertTrue(refused.getMessage().contains("127.0.0.1"), refused.getMessage());
            // connect() returned, so any connection it had opened would already wait in the backlog.
            listener.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, listener::accept, "a refused URL must not be contacted");
        }
    }

    private McpServerTarget python(Transport transport, int pageSize) throws IOException, InterruptedException {
        List<String> command = List.of(python().toString(), TEST_SERVER.toString(), "--page-size", String.valueOf(pageSize));
        if (transport == Transport.STDIO) return new McpServerTarget.Stdio("python", command, Map.of("PYTHONDONTWRITEBYTECODE", "1"));
        int port = freePort();
        List<String> http = new ArrayList<>(command);
        http.addAll(List.of("--http", String.valueOf(port)));
        return startHttp("python-" + pageSize, http, Map.of(), port);
    }

    private McpServerTarget everything(Transport transport) throws IOException, InterruptedException {
        Path entry = servers.resolve("node/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
        assumeTrue(Files.isRegularFile(entry), entry + " is absent: run scripts/install-mcp-servers.sh (./schemagate test does)");
        if (transport == Transport.STDIO) return new McpServerTarget.Stdio("everything", List.of("node", entry.toString(), "stdio"), Map.of());
        int port = freePort();
        return startHttp("everything", List.of("node", entry.toString(), "streamableHttp"), Map.of("PORT", String.valueOf(port)), port);
    }

    private Path python() {
        Path python = servers.resolve("venv/bin/python");
        assumeTrue(Files.isExecutable(python), python + " is absent: run scripts/install-mcp-servers.sh (./schemagate test does)");
        return python;
    }

    /** Starts a Streamable HTTP server and waits until its port accepts connections. */
    private McpServerTarget startHttp(String name, List<String> command, Map<String, String> env, int port) throws IOException, InterruptedException {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        httpServers.add(process);
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return new McpServerTarget.Http("http://127.0.0.1:" + port + "/mcp", Map.of());
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) fail(name + " did not start listening on " + port + ":\n" + Files.readString(log));
                Thread.sleep(100);
            }
        }
    }

    /** The MCP server processes this JVM started, directly or through a launcher. */
    private static Set<ProcessHandle> serverProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().commandLine().map(c -> c.contains("test_server.py") || c.contains("server-everything")).orElse(false))
                .collect(Collectors.toSet());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ObjectNode args(String json) {
        return (ObjectNode) json(json);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
