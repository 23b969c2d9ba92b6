package dev.schemagate.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * One initialized MCP client session with one server, over Streamable HTTP or a stdio process. Calls block the
 * calling thread (run them on worker or virtual threads) and may run concurrently. A connection from
 * {@link McpConnections} belongs to the pool: callers do not close it.
 */
public final class McpConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The SDK's own limit per request; every request here carries its own shorter one. */
    private static final Duration SDK_REQUEST_CEILING = Duration.ofHours(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration EXIT_GRACE = Duration.ofMillis(500);

    private final McpServerTarget target;
    private final McpAsyncClient client;
    private final StdioProcessTransport process;
    private final Duration requestTimeout;
    /** Why the session can no longer be used (the server died or the transport broke); null while healthy. */
    private volatile String broken;
    private volatile boolean closed;

    private McpConnection(McpServerTarget target, McpAsyncClient client, StdioProcessTransport process, Duration requestTimeout) {
        this.target = target;
        this.client = client;
        this.process = process;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Starts (stdio) or reaches (HTTP) the server and runs the MCP initialize handshake.
     *
     * @param timeout bounds the handshake and, later, each {@code tools/list} page
     * @throws McpException naming the server and the cause when it cannot be started, reached or initialized
     */
    static McpConnection open(McpServerTarget target, Duration timeout) {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        StdioProcessTransport process = null;
        McpClientTransport transport;
        switch (target) {
            case McpServerTarget.Http http -> transport = httpTransport(http, timeout, json);
            case McpServerTarget.Stdio stdio -> {
                try {
                    process = StdioProcessTransport.start(stdio, json);
                } catch (IOException e) {
                    throw new McpException("cannot start MCP server " + describe(target) + ": " + e.getMessage(), e);
                }
                transport = process;
            }
        }
        McpAsyncClient client;
        try {
            client = McpClient.async(transport)
                    .requestTimeout(SDK_REQUEST_CEILING)
                    .initializationTimeout(timeout)
                    .clientInfo(McpSchema.Implementation.builder("schemagate", "0.1.0").build())
                    .jsonSchemaValidator(new OutputSchemaValidator())
                    .build();
        } catch (RuntimeException e) {
            if (process != null) process.terminate();
            throw new McpException("cannot set up a client for MCP server " + describe(target) + ": " + e.getMessage(), e);
        }
        McpConnection connection = new McpConnection(target, client, process, timeout);
        try {
            connection.await(client.initialize(), timeout);
        } catch (Failure failure) {
            connection.close();
            throw new McpException("cannot connect to MCP server " + describe(target) + ": " + failure.getMessage(), failure.getCause());
        }
        return connection;
    }

    private static McpClientTransport httpTransport(McpServerTarget.Http http, Duration timeout, McpJsonMapper json) {
        URI uri = URI.create(http.url());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String endpoint = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        HttpRequest.Builder requests = HttpRequest.newBuilder();
        try {
            http.headers().forEach(requests::header);
        } catch (IllegalArgumentException e) {
            throw new McpException("cannot connect to MCP server " + describe(http) + ": bad header: " + e.getMessage(), e);
        }
        // The allow-list checked this address: no proxy or redirect may take the request anywhere else.
        return HttpClientStreamableHttpTransport.builder(uri.getScheme() + "://" + uri.getRawAuthority())
                .endpoint(endpoint)
                .jsonMapper(json)
                .requestBuilder(requests)
                .customizeClient(client -> client.connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .proxy(HttpClient.Builder.NO_PROXY))
                .build();
    }

    public McpServerTarget target() {
        return target;
    }

    /** False once closed, once the stdio process has exited, or after the transport failed. */
    public boolean isAlive() {
        return !closed && broken == null && (process == null || process.isRunning());
    }

    /**
     * The server's tools, every page of {@code tools/list}. Tools carry {@link McpServerTarget#label()} as their
     * server label.
     *
     * @throws McpException naming the server when the listing fails
     */
    public List<McpTool> listTools() {
        List<McpTool> tools = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page;
            try {
                page = await(client.listTools(cursor), requestTimeout);
            } catch (Failure failure) {
                throw new McpException("cannot list the tools of MCP server " + describe(target) + ": " + failure.getMessage(), failure.getCause());
            }
            for (McpSchema.Tool tool : page.tools()) tools.add(tool(tool));
            cursor = page.nextCursor() == null || page.nextCursor().isEmpty() ? null : page.nextCursor();
            if (cursor != null && !cursors.add(cursor)) {
                throw new McpException("MCP server " + describe(target) + " repeated the tools/list cursor '" + cursor + "'");
            }
        } while (cursor != null);
        return List.copyOf(tools);
    }

    private McpTool tool(McpSchema.Tool tool) {
        JsonNode schema = tool.inputSchema() == null ? JSON.createObjectNode().put("type", "object") : JSON.valueToTree(tool.inputSchema());
        return new McpTool(target.label(), tool.name(), tool.description() == null ? "" : tool.description(), schema);
    }

    /**
     * Calls a tool. Never throws for what goes wrong on the tool's side: a tool error, a failed or timed-out call
     * and a dead server all come back as {@link McpCallResult#error()}. A timed-out call leaves the session usable.
     */
    public McpCallResult call(String tool, ObjectNode arguments, Duration timeout) {
        if (!isAlive()) return McpCallResult.failure("tool '" + tool + "' not called: " + unavailable());
        @SuppressWarnings("unchecked")
        Map<String, Object> args = arguments == null ? Map.of() : JSON.convertValue(arguments, Map.class);
        try {
            McpSchema.CallToolResult result = await(client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build()), timeout);
            return ToolOutput.of(tool, result);
        } catch (Failure failure) {
            if (failure.getCause() instanceof TimeoutException) {
                return McpCallResult.failure("tool '" + tool + "' timed out after " + timeout.toMillis() + " ms");
            }
            return McpCallResult.failure("tool '" + tool + "' failed: " + failure.getMessage());
        }
    }

    private String unavailable() {
        if (closed) return "the connection to MCP server " + describe(target) + " is closed";
        if (broken != null) return "MCP server " + describe(target) + " is unavailable: " + broken;
        return "MCP server " + describe(target) + " is unavailable: the server " + process.exitDescription();
    }

    /**
     * Waits for a request, racing it against its time limit and, for stdio, the server's exit. A failure that
     * is not the server's answer (the process died, the transport broke) marks the session broken.
     */
    private <T> T await(Mono<T> request, Duration timeout) throws Failure {
        Mono<T> limited = request.timeout(timeout);
        if (process != null) {
            Mono<T> exit = Mono.fromFuture(process.exitCode(), true)
                    .flatMap(code -> Mono.error(new ServerExited("the server " + process.exitDescription())));
            limited = Mono.firstWithSignal(limited, exit);
        }
        Throwable error;
        try {
            T value = limited.block();
            if (value != null) return value;
            error = new IllegalStateException("the server sent no result");
        } catch (RuntimeException e) {
            error = Exceptions.unwrap(e);
        }
        switch (error) {
            case TimeoutException timedOut -> throw new Failure("no answer within " + timeout.toMillis() + " ms", timedOut);
            case McpError rpc -> throw new Failure(rpc.getMessage(), rpc);
            case InterruptedException interrupted -> {
                // The caller gave up (e.g. a run's wall-clock limit); the session itself is fine.
                Thread.currentThread().interrupt();
                throw new Failure("interrupted while waiting for the server", interrupted);
            }
            case ServerExited exited -> {
                broken = exited.getMessage();
                throw new Failure(exited.getMessage(), exited);
            }
            default -> {
                // A stdio server that dies makes writes fail ("Stream closed") just before its exit is seen.
                broken = process != null && process.awaitExit(EXIT_GRACE)
                        ? "the server " + process.exitDescription()
                        : message(error);
                throw new Failure(broken, error);
            }
        }
    }

    /** The messages along the cause chain ("...: ConnectException: ..."), each once, class names for the silent ones. */
    private static String message(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (parts.stream().noneMatch(part -> part.contains(text))) parts.add(text);
        }
        return String.join(": ", parts);
    }

    static String describe(McpServerTarget target) {
        return switch (target) {
            case McpServerTarget.Http http -> "'" + http.url() + "'";
            case McpServerTarget.Stdio stdio -> "'" + stdio.label() + "' (" + String.join(" ", stdio.command()) + ")";
        };
    }

    /** Ends the session; a stdio server process (and any process it started) is gone when this returns. */
    @Override
    public void close() {
        closed = true;
        try {
            client.closeGracefully().timeout(CLOSE_TIMEOUT).block();
        } catch (RuntimeException ignored) {
            // A server that does not answer the goodbye is ended below all the same.
        }
        if (process != null) process.terminate();
    }

    /** Why a request failed, with the underlying exception as its cause. */
    private static final class Failure extends Exception {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class ServerExited extends RuntimeException {
        ServerExited(String message) {
            super(message);
        }
    }
}
