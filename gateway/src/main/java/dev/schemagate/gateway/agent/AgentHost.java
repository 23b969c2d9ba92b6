package dev.schemagate.gateway.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.api.ApiException;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import dev.schemagate.gateway.mcp.DisallowedUrlException;
import dev.schemagate.gateway.mcp.McpConnections;
import dev.schemagate.gateway.mcp.McpServerTarget;
import dev.schemagate.gateway.mcp.ToolsConfig;
import dev.schemagate.gateway.metrics.GatewayMetrics;
import dev.schemagate.gateway.service.GenerationService;
import dev.schemagate.gateway.service.OutputValidator;
import dev.schemagate.gateway.store.ResponseStore;
import dev.schemagate.gateway.store.StoredResponse;
import dev.schemagate.gateway.tools.ToolSpec;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.SchemaCompileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The agent host behind {@code /v1/responses}: admits runs (at most {@code maxRuns} at once), prepares them (stored
 * history, URL allow-list, approvals), runs each on a virtual thread, and owns the MCP sessions and the store.
 */
public final class AgentHost implements AutoCloseable {
    private final AgentConfig config;
    private final GenerationService service;
    private final GatewayMetrics metrics;
    private final ToolsConfig tools;
    private final ResponseStore store;
    private final Path temporaryDir;
    private final McpConnections mcp;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final OutputValidator validator = new OutputValidator();
    private final Map<String, String> enforceable = new ConcurrentHashMap<>();
    private final Semaphore runs;

    private AgentHost(AgentConfig config, GenerationService service, GatewayMetrics metrics, ToolsConfig tools, ResponseStore store, Path temporaryDir) {
        this.config = config;
        this.service = service;
        this.metrics = metrics;
        this.tools = tools;
        this.store = store;
        this.temporaryDir = temporaryDir;
        this.mcp = new McpConnections(tools.allowedUrls(), McpConnections.DEFAULT_CONNECT_TIMEOUT);
        this.runs = new Semaphore(config.maxRuns());
    }

    /** Reads the tools config and opens (creating on first start) the store. */
    public static AgentHost open(AgentConfig config, GenerationService service, GatewayMetrics metrics) throws IOException {
        ToolsConfig tools = config.toolsConfig() == null ? ToolsConfig.empty() : ToolsConfig.load(config.toolsConfig());
        Path temporary = config.dataDir() == null ? Files.createTempDirectory("schemagate-data") : null;
        ResponseStore store = ResponseStore.open(temporary != null ? temporary : config.dataDir());
        return new AgentHost(config, service, metrics, tools, store, temporary);
    }

    public ToolsConfig tools() {
        return tools;
    }

    /**
     * Admits and prepares a run: blocking (store reads, DNS for the allow-list), so call it off the event loop.
     *
     * @throws ApiException 429 when too many runs are in progress, 400 for a request the client must fix
     */
    public AgentRun prepare(AgentRequest request) {
        if (!runs.tryAcquire()) {
            throw new ApiException(429, "rate_limit_error", null, "server_busy", "the server is running " + config.maxRuns() + " responses; retry later");
        }
        try {
            return prepareAdmitted(request);
        } catch (RuntimeException e) {
            runs.release();
            throw e;
        }
    }

    private AgentRun prepareAdmitted(AgentRequest request) {
        if (!request.model().equals(service.modelId())) {
            throw ApiException.invalid("model", "model_not_found",
                    "the model '" + request.model() + "' does not exist; this server serves '" + service.modelId() + "' (GET /v1/models)");
        }
        for (McpServerUse server : request.mcpServers()) {
            if (server.fromUrl() && server.target() instanceof McpServerTarget.Http http) {
                try {
                    tools.allowedUrls().check(http.url());
                } catch (DisallowedUrlException e) {
                    throw ApiException.invalid("tools", "server_url_not_allowed", "server '" + server.serverLabel() + "': " + e.getMessage());
                }
            }
        }
        // What the constraint compiler would refuse mid-run is refused now, as the client's error.
        if (request.textFormat() instanceof ConstraintSpec.JsonSchema format && enforceable(format.schema()) != null) {
            throw ApiException.invalid("text.format", "invalid_constraint", enforceable(format.schema()));
        }
        for (ToolSpec function : request.functions()) {
            String problem = enforceable(function.parameters());
            if (problem != null) throw ApiException.invalid("tools", "invalid_constraint", "function '" + function.name() + "': " + problem);
        }
        List<ObjectNode> history = history(request.previousResponseId());
        List<String> answered = new ArrayList<>();
        for (ObjectNode item : history) {
            if (Items.type(item).equals("mcp_call") && item.hasNonNull("approval_request_id")) answered.add(item.get("approval_request_id").asText());
        }
        for (ObjectNode item : request.input()) {
            if (!Items.type(item).equals("mcp_approval_response")) continue;
            String id = item.path("approval_request_id").asText();
            if (approvalRequest(history, id) == null) {
                throw ApiException.invalid("input", "'" + id + "' is not an mcp_approval_request of the conversation (send previous_response_id)");
            }
            if (answered.contains(id)) throw ApiException.invalid("input", "the approval request '" + id + "' was already answered");
            answered.add(id);
        }
        return new AgentRun(this, request, history);
    }

    /** Runs on a virtual thread; completes with the final response object. */
    public CompletableFuture<ObjectNode> start(AgentRun run, AgentEvents events) {
        CompletableFuture<ObjectNode> result = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                result.complete(run.run(events));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                runs.release();
            }
        });
        return result;
    }

    /** The items a continued conversation starts with: each earlier response's input, then its output. */
    private List<ObjectNode> history(String previousId) {
        if (previousId == null) return List.of();
        List<StoredResponse> chain = store.chain(previousId);
        if (chain.isEmpty() || !chain.getLast().id().equals(previousId)) {
            throw ApiException.invalid("previous_response_id", "previous_response_not_found",
                    "no stored response '" + previousId + "' (responses made with store: false are not kept)");
        }
        List<ObjectNode> items = new ArrayList<>();
        for (StoredResponse r : chain) {
            r.inputItems().forEach(i -> items.add((ObjectNode) i));
            r.response().path("output").forEach(i -> items.add((ObjectNode) i));
        }
        return items;
    }

    static ObjectNode approvalRequest(List<ObjectNode> history, String id) {
        for (ObjectNode item : history) {
            if (Items.type(item).equals("mcp_approval_request") && item.path("id").asText().equals(id)) return item;
        }
        return null;
    }

    /** Null when tool calls can be constrained to {@code schema}; otherwise why not (keyword and pointer). */
    String enforceable(JsonNode schema) {
        String verdict = enforceable.computeIfAbsent(schema.toString(), k -> {
            try {
                JsonSchemaCompiler.compile(schema, JsonSchemaOptions.COMPACT.withClosedObjects());
                return "";
            } catch (SchemaCompileException e) {
                return e.getMessage();
            }
        });
        return verdict.isEmpty() ? null : verdict;
    }

    public Optional<StoredResponse> stored(String id) {
        return store.get(id);
    }

    public boolean delete(String id) {
        return store.delete(id);
    }

    public ResponseStore store() {
        return store;
    }

    AgentConfig config() {
        return config;
    }

    GenerationService service() {
        return service;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    McpConnections mcp() {
        return mcp;
    }

    ExecutorService threads() {
        return threads;
    }

    OutputValidator validator() {
        return validator;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mcp.close();
        store.close();
        if (temporaryDir != null) {
            try (Stream<Path> files = Files.walk(temporaryDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary directory left behind is harmless.
            }
        }
    }
}
