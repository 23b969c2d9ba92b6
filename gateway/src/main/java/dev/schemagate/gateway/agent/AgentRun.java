package dev.schemagate.gateway.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.decoder.chat.ChatMessage;
import dev.schemagate.gateway.api.ApiException;
import dev.schemagate.gateway.api.GenerationJob;
import dev.schemagate.gateway.api.SamplingOptions;
import dev.schemagate.gateway.api.ToolChoice;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import dev.schemagate.gateway.engine.GeneratedToken;
import dev.schemagate.gateway.engine.QueueFullException;
import dev.schemagate.gateway.engine.SequenceHandle;
import dev.schemagate.gateway.http.ContentFilter;
import dev.schemagate.gateway.mcp.DisallowedUrlException;
import dev.schemagate.gateway.mcp.McpCallResult;
import dev.schemagate.gateway.mcp.McpException;
import dev.schemagate.gateway.mcp.McpTool;
import dev.schemagate.gateway.mcp.ToolsConfig;
import dev.schemagate.gateway.service.ChoiceResult;
import dev.schemagate.gateway.service.ChoiceSink;
import dev.schemagate.gateway.service.PreparedJob;
import dev.schemagate.gateway.store.StoredResponse;
import dev.schemagate.gateway.tools.ToolCallFormat;
import dev.schemagate.gateway.tools.ToolSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One response of the agent host, run on its own (virtual) thread: list the MCP servers' tools, route to a domain,
 * then turn after turn let the model answer or call tools, run the MCP calls (concurrently within a turn, results
 * in order), until a final answer, a call the client must answer (a function, an approval), or a guard.
 * Each guard ends the response {@code incomplete} with its name as the reason.
 */
public final class AgentRun {
    private static final String MAX_TOOL_CALLS = "max_tool_calls";
    private static final String MAX_ROUNDS = "max_rounds";
    private static final String REPEATED = "repeated_tool_call";
    private static final String TOKEN_BUDGET = "token_budget";
    private static final String RUN_TIMEOUT = "run_timeout";
    private static final String MAX_OUTPUT_TOKENS = "max_output_tokens";
    /** JSON-RPC codes of calls refused before the tool ran: bad arguments, an unreachable server. */
    private static final int INVALID_PARAMS = -32602;
    private static final int SERVER_ERROR = -32000;

    private final AgentHost host;
    private final AgentRequest request;
    private final List<ObjectNode> history;
    private final String id = Items.id("resp");
    private final long createdAt = System.currentTimeMillis() / 1000;
    private final long deadline;
    private final List<ObjectNode> output = new ArrayList<>();
    private final ArrayNode roundUsage = Items.JSON.createArrayNode();
    private final RepeatGuard repeats = new RepeatGuard();
    private AgentEvents events = AgentEvents.NONE;
    private int inputTokens;
    private int cachedTokens;
    private int outputTokens;
    private int rounds;
    private int toolCalls;
    /** Oldest history items left out by {@code truncation: "auto"}. */
    private int dropped;
    private String status = "in_progress";
    private ObjectNode incomplete;
    private ObjectNode error;
    private volatile boolean cancelled;
    private volatile List<SequenceHandle> running = List.of();

    /** A tool as offered to the model: {@code spec.name()} is what the model calls it; {@code server} is null for a function. */
    record Offered(ToolSpec spec, McpServerUse server, McpTool tool) {
        String realName() {
            return tool == null ? spec.name() : tool.name();
        }
    }

    AgentRun(AgentHost host, AgentRequest request, List<ObjectNode> history) {
        this.host = host;
        this.request = request;
        this.history = history;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(host.config().runTimeoutMillis());
    }

    public String id() {
        return id;
    }

    /** Stops the run at its next step; what it has so far is answered (and stored) as cancelled. */
    public void cancel() {
        cancelled = true;
        running.forEach(SequenceHandle::cancel);
    }

    /** Runs to the end on the calling thread; returns the final response object (stored first when asked). */
    ObjectNode run(AgentEvents listener) {
        this.events = listener;
        events.started(response());
        try {
            List<Offered> tools = offer();
            if (!ended()) resumeApprovals(tools);
            if (!ended()) tools = route(tools);
            while (!ended()) turn(tools);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("cancelled", "the server is shutting down");
        } catch (ApiException e) {
            fail(e.code() != null ? e.code() : "invalid_request", e.getMessage());
        } catch (RuntimeException e) {
            fail("server_error", "the run failed: " + e);
        }
        ObjectNode response = response();
        if (request.store()) {
            try {
                host.store().put(new StoredResponse(id, request.previousResponseId(), createdAt, response, inputItems()));
            } catch (RuntimeException e) {
                status = "failed";
                error = errorObject("store_failed", "the response could not be stored: " + e.getMessage());
                response = response();
            }
        }
        events.finished(response);
        return response;
    }

    // ---- tools

    /** Lists each MCP server's tools (an {@code mcp_list_tools} item the first time in a conversation) and names them for the model. */
    private List<Offered> offer() {
        List<Offered> offered = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ToolSpec f : request.functions()) {
            offered.add(new Offered(f, null, null));
            names.add(f.name());
        }
        for (McpServerUse server : request.mcpServers()) {
            List<McpTool> listed;
            String listError = null;
            try {
                listed = host.mcp().connect(server.target()).listTools().stream().map(t -> t.withServerLabel(server.serverLabel())).toList();
            } catch (McpException | DisallowedUrlException e) {
                listed = List.of();
                listError = e.getMessage();
            }
            List<McpTool> kept = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (McpTool tool : listed) {
                if (!server.allows(tool.name())) continue;
                String problem = host.enforceable(tool.inputSchema());
                if (problem != null) {
                    refused.add(tool.name() + " (" + problem + ")");
                    continue;
                }
                kept.add(tool);
                String name = names.add(tool.name()) ? tool.name() : server.serverLabel() + "__" + tool.name();
                names.add(name);
                offered.add(new Offered(new ToolSpec(name, tool.description(), tool.inputSchema(), true), server, tool));
            }
            if (!refused.isEmpty()) {
                String note = "not offered, their input schemas cannot be enforced: " + String.join("; ", refused);
                listError = listError == null ? note : listError + "; " + note;
            }
            if (listError != null || !listedBefore(server.serverLabel())) {
                ObjectNode item = Items.mcpListTools(server.serverLabel(), kept, listError);
                add(item);
                done(item);
            }
        }
        return offered;
    }

    private boolean listedBefore(String label) {
        for (ObjectNode item : history) {
            if (Items.type(item).equals("mcp_list_tools") && item.path("server_label").asText().equals(label)
                    && item.path("error").isNull()) {
                return true;
            }
        }
        return false;
    }

    /** With routing on and tools in more than one domain: a constrained choice of one domain, whose tools alone are offered after. */
    private List<Offered> route(List<Offered> tools) throws InterruptedException {
        ToolsConfig config = host.tools();
        if (!config.routing()) return tools;
        List<ToolsConfig.Domain> domains = config.domains().stream().filter(d -> tools.stream().anyMatch(t -> inDomain(t, d))).toList();
        if (domains.size() < 2) return tools;
        StringBuilder system = new StringBuilder("Decide which domain the user's request belongs to. Answer with the domain's name only.\nDomains:\n");
        for (ToolsConfig.Domain d : domains) system.append("- ").append(d.name()).append(": ").append(d.description()).append('\n');
        List<ChatMessage> messages = List.of(new ChatMessage("system", system.toString().strip()),
                new ChatMessage("user", Conversation.lastUserText(conversation())));
        List<String> names = domains.stream().map(ToolsConfig.Domain::name).toList();
        SamplingOptions greedy = new SamplingOptions(0, 1, 0, 0, 0L, 64, List.of(), 1, -1);
        GenerationJob job = new GenerationJob(request.model(), messages, null, new ConstraintSpec.Choice(names), "routing", List.of(),
                ToolChoice.NONE, false, greedy, false, false);
        ChoiceResult result = generate(host.service().prepare(job, true), false);
        if (result == null || ended()) return tools;
        String chosen = result.text();
        ToolsConfig.Domain domain = domains.stream().filter(d -> d.name().equals(chosen)).findFirst().orElse(null);
        if (domain == null) {
            fail("routing_failed", "the routing step chose no domain: " + (result.error() != null ? result.error() : chosen));
            return tools;
        }
        List<Offered> kept = tools.stream().filter(t -> inDomain(t, domain) || config.domains().stream().noneMatch(d -> inDomain(t, d))).toList();
        ObjectNode item = Items.domainRouting(chosen, names, kept.stream().map(t -> t.spec().name()).toList());
        add(item);
        done(item);
        return kept;
    }

    private static boolean inDomain(Offered t, ToolsConfig.Domain domain) {
        return t.tool() != null && domain.tools().stream().anyMatch(ref -> ref.matches(t.tool()));
    }

    /** Approval responses in the input: approved calls run now (as {@code mcp_call} items), denied ones are recorded as errors. */
    private void resumeApprovals(List<Offered> tools) throws InterruptedException {
        List<PendingCall> calls = new ArrayList<>();
        for (ObjectNode item : request.input()) {
            if (!Items.type(item).equals("mcp_approval_response")) continue;
            ObjectNode asked = AgentHost.approvalRequest(history, item.path("approval_request_id").asText());
            String label = asked.path("server_label").asText();
            String name = asked.path("name").asText();
            ObjectNode call = Items.mcpCall(label, name, asked.path("arguments").asText("{}"), asked.path("id").asText());
            add(call);
            Offered tool = tools.stream().filter(t -> t.server() != null && t.server().serverLabel().equals(label) && t.realName().equals(name))
                    .findFirst().orElse(null);
            if (!item.path("approve").asBoolean(false)) {
                Items.finishMcpCall(call, null, "the user denied this call", 0);
                done(call);
            } else if (tool == null) {
                Items.finishMcpCall(call, null, "tool '" + name + "' of server '" + label + "' is not among this request's tools", INVALID_PARAMS);
                done(call);
            } else {
                toolCalls++;
                calls.add(new PendingCall(call, tool, new ToolCallFormat.ParsedCall(tool.spec().name(), call.path("arguments").asText())));
            }
        }
        runCalls(calls);
    }

    // ---- turns

    private void turn(List<Offered> tools) throws InterruptedException {
        if (guardsTrip()) return;
        List<ToolSpec> specs = tools.stream().map(Offered::spec).toList();
        ToolChoice choice = toolChoice(tools);
        if (choice.mode() == ToolChoice.Mode.REQUIRED && request.maxToolCalls() != null && toolCalls >= request.maxToolCalls()) {
            // The turn could only propose a call over the limit.
            trip(MAX_TOOL_CALLS);
            return;
        }
        rounds++;
        Integer budget = request.maxOutputTokens() == null ? null : request.maxOutputTokens() - outputTokens;
        SamplingOptions sampling = new SamplingOptions(request.temperature(), request.topP(), 0, 0,
                request.seed() == null ? null : request.seed() + rounds, budget, List.of(), 1, -1);
        List<ToolSpec> offered = choice.mode() == ToolChoice.Mode.NONE ? List.of() : specs;
        PreparedJob prepared = prepareTurn(messages -> new GenerationJob(request.model(), messages, null, request.textFormat(), "text.format",
                offered, choice, request.parallelToolCalls(), sampling, false, false));
        ChoiceResult result = generate(prepared, true);
        if (result == null || ended()) return;
        if (result.error() != null) {
            if (result.timedOut()) trip(RUN_TIMEOUT);
            else fail("generation_failed", result.error());
            return;
        }
        if ("length".equals(result.finishReason())) {
            trip(MAX_OUTPUT_TOKENS);
            return;
        }
        if (result.calls().isEmpty()) {
            status = "completed";
            return;
        }
        boolean clientsTurn = false;
        List<PendingCall> calls = new ArrayList<>();
        for (ToolCallFormat.ParsedCall call : result.calls()) {
            Offered tool = tools.stream().filter(t -> t.spec().name().equals(call.name())).findFirst().orElse(null);
            if (tool == null) {
                fail("invalid_tool_call", "the model called '" + call.name() + "', which is not offered");
                break;
            }
            if (request.maxToolCalls() != null && toolCalls >= request.maxToolCalls()) {
                trip(MAX_TOOL_CALLS);
                break;
            }
            toolCalls++;
            if (tool.server() == null) {
                ObjectNode item = Items.functionCall(tool.realName(), call.arguments());
                add(item);
                done(item);
                clientsTurn = true;
            } else if (tool.server().approval().required(tool.realName())) {
                ObjectNode item = Items.approvalRequest(tool.server().serverLabel(), tool.realName(), call.arguments());
                add(item);
                done(item);
                clientsTurn = true;
            } else {
                ObjectNode item = Items.mcpCall(tool.server().serverLabel(), tool.realName(), call.arguments(), null);
                add(item);
                calls.add(new PendingCall(item, tool, call));
            }
        }
        runCalls(calls);
        if (!ended() && clientsTurn) status = "completed";
    }

    private ToolChoice toolChoice(List<Offered> tools) {
        AgentToolChoice asked = request.toolChoice();
        if (tools.isEmpty() || asked.mode() == ToolChoice.Mode.NONE) return ToolChoice.NONE;
        if (asked.mode() == ToolChoice.Mode.AUTO) return ToolChoice.AUTO;
        if (asked.name() == null) return new ToolChoice(ToolChoice.Mode.REQUIRED, null);
        for (Offered t : tools) {
            boolean sameServer = asked.serverLabel() == null ? t.server() == null : t.server() != null && t.server().serverLabel().equals(asked.serverLabel());
            if (sameServer && t.realName().equals(asked.name())) return new ToolChoice(ToolChoice.Mode.REQUIRED, t.spec().name());
        }
        throw new ApiException(400, "invalid_request_error", "tool_choice", "tool_not_found", "tool_choice names '" + asked.name() + "'"
                + (asked.serverLabel() != null ? " of server '" + asked.serverLabel() + "'" : "") + ", which is not among the offered tools");
    }

    /**
     * Renders and prepares a turn. With {@code truncation: "auto"}, a conversation over the context loses its oldest
     * stored items until it fits (this request's input and this run's output are never dropped).
     */
    private PreparedJob prepareTurn(Function<List<ChatMessage>, GenerationJob> jobFor) {
        while (true) {
            try {
                return host.service().prepare(jobFor.apply(Conversation.messages(request.instructions(), conversation())), true);
            } catch (ApiException e) {
                if (!request.truncateAuto() || !"context_length_exceeded".equals(e.code()) || dropped >= history.size()) throw e;
                dropped++;
            }
        }
    }

    /** True (and the run ended) when a guard forbids another turn. */
    private boolean guardsTrip() {
        if (cancelled) {
            fail("cancelled", "the client went away");
            status = "cancelled";
        } else if (System.nanoTime() > deadline) trip(RUN_TIMEOUT);
        else if (rounds >= host.config().maxRounds()) trip(MAX_ROUNDS);
        else if (inputTokens + outputTokens >= host.config().tokenBudget()) trip(TOKEN_BUDGET);
        else if (request.maxOutputTokens() != null && outputTokens >= request.maxOutputTokens()) trip(MAX_OUTPUT_TOKENS);
        return ended();
    }

    /**
     * One model turn. Text is streamed as an assistant message item (tool-call text held back); returns null when
     * the run ended meanwhile (timeout, cancel).
     */
    private ChoiceResult generate(PreparedJob prepared, boolean answer) throws InterruptedException {
        GenerationJob job = prepared.job();
        CompletableFuture<ChoiceResult> finished = new CompletableFuture<>();
        MessageStream text = answer ? new MessageStream(job.toolsActive()) : null;
        ChoiceSink sink = new ChoiceSink() {
            @Override
            public void onToken(int choice, GeneratedToken token) {
                if (text != null) text.append(token.textDelta());
            }

            @Override
            public void onFinish(ChoiceResult result) {
                finished.complete(result);
            }
        };
        while (true) {
            try {
                running = host.service().submit(prepared, Runnable::run, sink);
                break;
            } catch (QueueFullException e) {
                // Backpressure: the run waits for room rather than failing a conversation half-way.
                if (System.nanoTime() > deadline || cancelled) {
                    trip(RUN_TIMEOUT);
                    return null;
                }
                Thread.sleep(50);
            }
        }
        if (cancelled) running.forEach(SequenceHandle::cancel);
        ChoiceResult result;
        try {
            result = finished.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.forEach(SequenceHandle::cancel);
            trip(RUN_TIMEOUT);
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            running = List.of();
        }
        int prompt = result.outcome().promptTokens();
        int completion = result.outcome().completionTokens();
        inputTokens += prompt;
        cachedTokens += result.outcome().cachedTokens();
        outputTokens += completion;
        roundUsage.addObject().put("input_tokens", prompt).put("cached_tokens", result.outcome().cachedTokens()).put("output_tokens", completion);
        if (text != null) text.finish(result);
        if (cancelled) {
            fail("cancelled", "the client went away");
            status = "cancelled";
        }
        return result;
    }

    /** The assistant message item of a turn, added when its first text arrives. */
    private final class MessageStream {
        private final ContentFilter filter;
        private ObjectNode item;
        private int index;
        private final StringBuilder sent = new StringBuilder();

        MessageStream(boolean tools) {
            filter = new ContentFilter(tools);
        }

        synchronized void append(String delta) {
            send(filter.add(delta));
        }

        private void send(String delta) {
            if (delta.isEmpty()) return;
            if (item == null) {
                item = Items.message(Items.id("msg"), "in_progress", null);
                index = AgentRun.this.add(item);
            }
            sent.append(delta);
            events.textDelta(index, item.get("id").asText(), delta);
        }

        synchronized void finish(ChoiceResult result) {
            send(filter.flush());
            // A cut-off or failed turn shows what was streamed, never the raw text of a half-written call.
            boolean partial = result.error() != null || "length".equals(result.finishReason());
            String content = partial ? sent.toString() : result.content();
            if (content == null || content.isBlank()) {
                if (item == null) return;
                content = sent.toString();
            }
            if (item == null) index = AgentRun.this.add(item = Items.message(Items.id("msg"), "in_progress", null));
            item.put("status", "length".equals(result.finishReason()) || result.error() != null ? "incomplete" : "completed");
            ((ArrayNode) item.get("content")).removeAll().add(Items.outputText(content));
            done(item);
        }
    }

    // ---- MCP calls

    private record PendingCall(ObjectNode item, Offered tool, ToolCallFormat.ParsedCall call) {}

    /** Runs the calls concurrently, finishing their items in order; a repeat of an earlier call and result ends the run. */
    private void runCalls(List<PendingCall> calls) throws InterruptedException {
        List<Future<CallOutcome>> results = new ArrayList<>();
        for (PendingCall c : calls) results.add(host.threads().submit(() -> call(c)));
        boolean repeated = false;
        for (int i = 0; i < calls.size(); i++) {
            PendingCall c = calls.get(i);
            CallOutcome r;
            try {
                r = results.get(i).get();
            } catch (ExecutionException e) {
                r = new CallOutcome(null, "the call failed: " + e.getCause(), SERVER_ERROR);
            }
            Items.finishMcpCall(c.item(), r.output(), r.error(), r.protocolCode());
            done(c.item());
            String result = r.error() != null ? "error:" + r.error() : r.output();
            repeated |= repeats.repeated(c.tool().server().serverLabel(), c.tool().realName(), c.call().arguments(), result);
        }
        repeats.endTurn();
        if (repeated) trip(REPEATED);
    }

    /** @param protocolCode a JSON-RPC error code when the call failed before the tool ran; 0 otherwise */
    private record CallOutcome(String output, String error, int protocolCode) {}

    /** One MCP call: arguments re-validated against the tool's schema, then sent under the per-call time limit. */
    private CallOutcome call(PendingCall c) {
        List<String> problems = host.validator().toolCalls(List.of(c.tool().spec()), List.of(c.call()), false);
        if (!problems.isEmpty()) {
            host.metrics().validationFailure();
            host.metrics().toolCall("rejected");
            return new CallOutcome(null, "the arguments do not validate against the tool's input schema: " + String.join("; ", problems), INVALID_PARAMS);
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        long limit = Math.max(1, Math.min(host.config().toolCallTimeoutMillis(), left));
        CallOutcome outcome;
        try {
            ObjectNode arguments = (ObjectNode) Items.JSON.readTree(c.call().arguments());
            McpCallResult r = host.mcp().connect(c.tool().server().target()).call(c.tool().realName(), arguments, Duration.ofMillis(limit));
            outcome = new CallOutcome(r.output(), r.error(), 0);
        } catch (McpException | DisallowedUrlException e) {
            outcome = new CallOutcome(null, e.getMessage(), SERVER_ERROR);
        } catch (Exception e) {
            outcome = new CallOutcome(null, "the call failed: " + e.getMessage(), SERVER_ERROR);
        }
        host.metrics().toolCall(outcome.error() == null ? "ok" : "error");
        return outcome;
    }

    // ---- state

    private synchronized int add(ObjectNode item) {
        output.add(item);
        int index = output.size() - 1;
        events.itemAdded(index, item);
        return index;
    }

    private synchronized void done(ObjectNode item) {
        events.itemDone(output.indexOf(item), item);
    }

    private boolean ended() {
        return !status.equals("in_progress");
    }

    private void trip(String reason) {
        status = "incomplete";
        incomplete = Items.JSON.createObjectNode().put("reason", reason);
        if (!reason.equals(MAX_OUTPUT_TOKENS)) host.metrics().guardTrip(reason);
    }

    private void fail(String code, String message) {
        if (ended()) return;
        status = "failed";
        error = errorObject(code, message);
    }

    private static ObjectNode errorObject(String code, String message) {
        return Items.JSON.createObjectNode().put("code", code).put("message", message);
    }

    /** History, this request's input, and this run's output so far: what the next turn's prompt is made of. */
    private synchronized List<JsonNode> conversation() {
        List<JsonNode> all = new ArrayList<>(history.subList(dropped, history.size()));
        all.addAll(request.input());
        all.addAll(output);
        return all;
    }

    private ArrayNode inputItems() {
        ArrayNode items = Items.JSON.createArrayNode();
        request.input().forEach(items::add);
        return items;
    }

    /** The response object as it stands. */
    synchronized ObjectNode response() {
        ObjectNode r = Items.JSON.createObjectNode();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status);
        r.put("background", false);
        r.set("error", error);
        r.set("incomplete_details", incomplete);
        r.put("instructions", request.instructions());
        putNullable(r, "max_output_tokens", request.maxOutputTokens());
        putNullable(r, "max_tool_calls", request.maxToolCalls());
        r.put("model", request.model());
        ArrayNode out = r.putArray("output");
        for (ObjectNode item : output) out.add(item.deepCopy());
        r.put("parallel_tool_calls", request.parallelToolCalls());
        r.put("previous_response_id", request.previousResponseId());
        r.putObject("reasoning").putNull("effort").putNull("summary");
        r.put("store", request.store());
        r.put("temperature", request.temperature());
        ObjectNode echo = request.echo();
        r.set("text", echo.has("text") ? echo.get("text") : Items.JSON.createObjectNode().set("format", Items.JSON.createObjectNode().put("type", "text")));
        r.set("tool_choice", echo.has("tool_choice") ? echo.get("tool_choice") : Items.JSON.getNodeFactory().textNode("auto"));
        r.set("tools", echo.has("tools") ? echo.get("tools") : Items.JSON.createArrayNode());
        r.put("top_p", request.topP());
        r.put("truncation", request.truncateAuto() ? "auto" : "disabled");
        r.set("user", echo.get("user"));
        r.set("metadata", echo.has("metadata") ? echo.get("metadata") : Items.JSON.createObjectNode());
        ObjectNode usage = r.putObject("usage");
        usage.put("input_tokens", inputTokens);
        usage.putObject("input_tokens_details").put("cached_tokens", cachedTokens);
        usage.put("output_tokens", outputTokens);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", inputTokens + outputTokens);
        ObjectNode ours = r.putObject("schemagate");
        ours.put("rounds", rounds);
        ours.put("tool_calls", toolCalls);
        ours.set("round_usage", roundUsage.deepCopy());
        return r;
    }

    private static void putNullable(ObjectNode node, String field, Integer value) {
        if (value == null) node.putNull(field);
        else node.put(field, value);
    }
}
