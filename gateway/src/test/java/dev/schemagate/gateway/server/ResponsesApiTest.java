package dev.schemagate.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.GatewayConfig;
import dev.schemagate.gateway.agent.AgentConfig;
import dev.schemagate.schemas.validate.InstanceValidator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/responses} on a real server with the real default model and the real MCP test server
 * ({@code src/test/mcp/test_server.py} over stdio, declared in a tools config): MCP calls and their arguments,
 * approvals, the final answer's format, the event stream, every guard, routing, function tools, and the store
 * (restart, concurrent conversations). The model is tiny: tests force tools where they need calls and assert
 * structure and validity, never that the model was clever.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesApiTest {
    private static final String M = RunningServer.MODEL_ID;
    private static final long TOOL_TIMEOUT_MILLIS = 2_000;

    @TempDir
    static Path temp;
    private Path toolsConfig;
    private Path everything;
    private RunningServer server;

    @BeforeAll
    void start() throws IOException {
        Path python = Path.of(System.getProperty("schemagate.cache", System.getProperty("user.home") + "/.cache/schemagate"), "mcp", "venv", "bin", "python");
        assumeTrue(Files.isExecutable(python), python + " is absent: run scripts/install-mcp-servers.sh (./schemagate test does)");
        ObjectNode config = RunningServer.JSON.createObjectNode();
        ObjectNode servers = config.putObject("servers");
        servers.putObject("test").putArray("command").add(python.toString()).add(Path.of("src/test/mcp/test_server.py").toAbsolutePath().toString());
        everything = python.getParent().getParent().getParent().resolve("node/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
        servers.putObject("everything").putArray("command").add("node").add(everything.toString()).add("stdio");
        ArrayNode domains = config.putArray("domains");
        domains.addObject().put("name", "math").put("description", "arithmetic and temperature conversion")
                .putArray("tools").add("test/add").add("test/convert_temperature");
        domains.addObject().put("name", "shop").put("description", "customer orders and facts about cities")
                .putArray("tools").add("test/create_order").add("test/lookup_city");
        config.put("routing", true);
        toolsConfig = temp.resolve("tools.json");
        Files.writeString(toolsConfig, config.toString());
        server = RunningServer.start(c -> c.withAgent(agentConfig(temp.resolve("data"))));
    }

    private AgentConfig agentConfig(Path data) {
        return AgentConfig.defaults().withDataDir(data).withToolsConfig(toolsConfig).withTimeouts(TOOL_TIMEOUT_MILLIS, 120_000);
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void mcpCallsAreMadeWithArgumentsValidUnderTheToolsSchema() throws Exception {
        JsonNode r = create(server, "{'model':'" + M + "','input':'Convert 100 celsius to fahrenheit.',"
                + "'tools':[" + mcp("['convert_temperature']", "'never'") + "],'tool_choice':{'type':'mcp','server_label':'test','name':'convert_temperature'},"
                + "'max_tool_calls':1,'parallel_tool_calls':false,'temperature':0,'max_output_tokens':300}");
        assertEquals("incomplete", r.get("status").asText(), r.toString());
        assertEquals("max_tool_calls", r.path("incomplete_details").path("reason").asText(), r.toString());
        JsonNode listed = items(r, "mcp_list_tools").getFirst();
        JsonNode schema = listed.get("tools").get(0).get("input_schema");
        assertEquals("convert_temperature", listed.get("tools").get(0).get("name").asText());
        List<JsonNode> calls = items(r, "mcp_call");
        assertEquals(1, calls.size(), r.toString());
        JsonNode call = calls.getFirst();
        assertTrue(call.get("error").isNull(), call.toString());
        assertTrue(call.get("output").asText().contains("="), call.toString());
        assertEquals(List.of(), new InstanceValidator(schema).validate(RunningServer.JSON.readTree(call.get("arguments").asText())));
    }

    @Test
    void theReferenceServerEverythingServesTheLoopOverStdio() throws Exception {
        assumeTrue(Files.isRegularFile(everything), everything + " is absent: run scripts/install-mcp-servers.sh");
        JsonNode r = create(server, "{'model':'" + M + "','input':'Echo the word banana.','tools':[{'type':'mcp','server_label':'everything',"
                + "'allowed_tools':['echo'],'require_approval':'never'}],'tool_choice':{'type':'mcp','server_label':'everything','name':'echo'},"
                + "'max_tool_calls':1,'temperature':0,'max_output_tokens':100}");
        JsonNode schema = items(r, "mcp_list_tools").getFirst().get("tools").get(0).get("input_schema");
        JsonNode call = items(r, "mcp_call").getFirst();
        JsonNode arguments = RunningServer.JSON.readTree(call.get("arguments").asText());
        assertEquals(List.of(), new InstanceValidator(schema).validate(arguments));
        assertTrue(call.get("error").isNull(), call.toString());
        assertTrue(call.get("output").asText().contains(arguments.get("message").asText()), call.toString());
    }

    @Test
    void anApprovalStopsTheRunAndAnApprovedCallRunsOnResume() throws Exception {
        String tools = "'tools':[" + mcp("['convert_temperature']", "'always'") + "]";
        JsonNode first = create(server, "{'model':'" + M + "','input':'Convert 100 celsius to fahrenheit.'," + tools
                + ",'tool_choice':'required','parallel_tool_calls':false,'temperature':0,'max_output_tokens':100}");
        assertEquals("completed", first.get("status").asText(), first.toString());
        List<JsonNode> asked = items(first, "mcp_approval_request");
        assertEquals(1, asked.size(), first.toString());
        assertTrue(items(first, "mcp_call").isEmpty());
        String requestId = asked.getFirst().get("id").asText();
        JsonNode resumed = create(server, "{'model':'" + M + "','previous_response_id':'" + first.get("id").asText() + "','input':[{'type':"
                + "'mcp_approval_response','approval_request_id':'" + requestId + "','approve':true}]," + tools + ",'temperature':0,'max_output_tokens':60}");
        JsonNode call = items(resumed, "mcp_call").getFirst();
        assertEquals(requestId, call.get("approval_request_id").asText());
        assertEquals(asked.getFirst().get("arguments").asText(), call.get("arguments").asText());
        assertTrue(call.get("output").asText().contains("fahrenheit"), call.toString());
        HttpResponse<String> again = server.post("/v1/responses", RunningServer.JSON.readTree(GatewayServerTest.q("{'model':'" + M
                + "','previous_response_id':'" + resumed.get("id").asText() + "','input':[{'type':'mcp_approval_response','approval_request_id':'"
                + requestId + "','approve':true}]," + tools + "}")).toString());
        assertEquals(400, again.statusCode(), "an approval is answered once: " + again.body());
    }

    @Test
    void theFinalAnswerFollowsTextFormat() throws Exception {
        String schema = "{'type':'object','properties':{'city':{'type':'string','maxLength':20},'population':{'type':'integer','minimum':0,"
                + "'maximum':100000000}},'required':['city','population'],'additionalProperties':false}";
        JsonNode r = create(server, "{'model':'" + M + "','input':'Name a large city and its population as JSON.','text':{'format':{'type':"
                + "'json_schema','name':'city','strict':true,'schema':" + schema + "}},'temperature':0,'max_output_tokens':120}");
        assertEquals("completed", r.get("status").asText(), r.toString());
        String text = items(r, "message").getFirst().get("content").get(0).get("text").asText();
        assertEquals(List.of(), new InstanceValidator(RunningServer.JSON.readTree(GatewayServerTest.q(schema))).validate(RunningServer.JSON.readTree(text)));
    }

    @Test
    void streamedEventsComeInOrderAndAddUpToTheResponse() throws Exception {
        List<JsonNode> events = stream("{'model':'" + M + "','input':'What is 2 plus 3?','stream':true,'tools':[" + mcp("['add']", "'never'")
                + "],'tool_choice':{'type':'mcp','server_label':'test','name':'add'},'max_tool_calls':1,'temperature':0,'max_output_tokens':100}");
        assertEquals("response.created", events.getFirst().get("type").asText());
        JsonNode last = events.getLast();
        assertEquals("response.incomplete", last.get("type").asText());
        for (int i = 1; i < events.size(); i++) assertTrue(events.get(i).get("sequence_number").asInt() > events.get(i - 1).get("sequence_number").asInt());
        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
        int added = types.indexOf("response.mcp_call.in_progress");
        assertTrue(added > 0 && types.indexOf("response.mcp_call_arguments.done") > added
                && types.indexOf("response.mcp_call.completed") > types.indexOf("response.mcp_call_arguments.done"), types.toString());
        assertEquals(last.get("response").get("output").size(), types.stream().filter("response.output_item.done"::equals).count());

        List<JsonNode> text = stream("{'model':'" + M + "','input':'Say hello to Ann.','stream':true,'temperature':0,'max_output_tokens':24}");
        StringBuilder deltas = new StringBuilder();
        String done = null;
        for (JsonNode e : text) {
            if (e.get("type").asText().equals("response.output_text.delta")) deltas.append(e.get("delta").asText());
            if (e.get("type").asText().equals("response.output_text.done")) done = e.get("text").asText();
        }
        assertNotNull(done, text.toString());
        assertEquals(done, deltas.toString());
        JsonNode response = text.getLast().get("response");
        assertEquals(done, items(response, "message").getFirst().get("content").get(0).get("text").asText());
    }

    @Test
    void theSameCallWithTheSameResultAgainTripsTheRepeatGuard() throws Exception {
        JsonNode r = create(server, "{'model':'" + M + "','input':'Is the queue empty yet?','tools':[" + mcp("['queue_length']", "'never'")
                + "],'tool_choice':{'type':'mcp','server_label':'test','name':'queue_length'},'temperature':0,'max_output_tokens':200}");
        assertEquals("repeated_tool_call", r.path("incomplete_details").path("reason").asText(), r.toString());
        List<JsonNode> calls = items(r, "mcp_call");
        assertEquals(2, calls.size());
        assertEquals(calls.get(0).get("output"), calls.get(1).get("output"));
    }

    @Test
    void maxToolCallsStopsAtTheLimit() throws Exception {
        JsonNode r = create(server, "{'model':'" + M + "','input':'Take tickets until I say stop.','tools':[" + mcp("['next_ticket']", "'never'")
                + "],'tool_choice':{'type':'mcp','server_label':'test','name':'next_ticket'},'max_tool_calls':2,'temperature':0,'max_output_tokens':200}");
        assertEquals("max_tool_calls", r.path("incomplete_details").path("reason").asText(), r.toString());
        assertEquals(2, items(r, "mcp_call").size());
    }

    @Test
    void aHangingToolTimesOutAsAnErrorTheRunSurvives() throws Exception {
        long t0 = System.nanoTime();
        JsonNode r = create(server, "{'model':'" + M + "','input':'Wait for one second.','tools':[" + mcp("['hang']", "'never'")
                + "],'tool_choice':{'type':'mcp','server_label':'test','name':'hang'},'max_tool_calls':1,'temperature':0,'max_output_tokens':100}");
        JsonNode call = items(r, "mcp_call").getFirst();
        assertTrue(call.get("output").isNull(), call.toString());
        assertEquals("mcp_tool_execution_error", call.get("error").get("type").asText(), call.toString());
        assertTrue(call.get("error").get("content").get(0).get("text").asText().contains("timed out"), call.toString());
        assertEquals("max_tool_calls", r.path("incomplete_details").path("reason").asText(), r.toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 60, "the hung call held the run");
        JsonNode later = create(server, "{'model':'" + M + "','input':'Add 1 and 2.','tools':[" + mcp("['add']", "'never'")
                + "],'tool_choice':{'type':'mcp','server_label':'test','name':'add'},'max_tool_calls':1,'temperature':0,'max_output_tokens':100}");
        JsonNode added = items(later, "mcp_call").getFirst();
        assertTrue(added.get("error").isNull() && !added.get("output").asText().isEmpty(), "the session still serves calls: " + added);
    }

    @Test
    void aServerUrlOutsideTheAllowListIsRefusedBeforeAnyConnection() throws Exception {
        for (String url : List.of("http://10.255.255.1/mcp", "http://192.168.1.1:8080/mcp", "http://169.254.169.254/latest", "http://[fd00::1]/mcp",
                "ftp://127.0.0.1/mcp", "http://127.0.0.1@10.0.0.1/mcp")) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = server.post("/v1/responses", RunningServer.JSON.readTree(GatewayServerTest.q("{'model':'" + M
                    + "','input':'hi','tools':[{'type':'mcp','server_label':'remote','server_url':'" + url + "','require_approval':'never'}]}")).toString());
            assertEquals(400, r.statusCode(), url + ": " + r.body());
            assertEquals("server_url_not_allowed", RunningServer.json(r).get("error").get("code").asText(), url);
            // A connection attempt to a black-holed address would take the connect timeout (20 s).
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10, url);
        }
    }

    @Test
    void routingOffersOnlyTheChosenDomainsTools() throws Exception {
        JsonNode r = create(server, "{'model':'" + M + "','input':'Convert 30 celsius to kelvin.','tools':["
                + mcp("['add','convert_temperature','create_order','lookup_city']", "'never'") + "],'temperature':0,'max_output_tokens':60}");
        JsonNode route = items(r, "domain_routing").getFirst();
        String domain = route.get("domain").asText();
        assertTrue(domain.equals("math") || domain.equals("shop"), route.toString());
        List<String> expected = domain.equals("math") ? List.of("add", "convert_temperature") : List.of("create_order", "lookup_city");
        List<String> offered = new ArrayList<>();
        route.get("tools_offered").forEach(t -> offered.add(t.asText()));
        assertEquals(expected.stream().sorted().toList(), offered.stream().sorted().toList());
        for (JsonNode call : items(r, "mcp_call")) assertTrue(expected.contains(call.get("name").asText()), call.toString());
    }

    @Test
    void functionCallsGoBackToTheClientAndTheConversationContinues() throws Exception {
        String tools = "'tools':[{'type':'function','name':'get_weather','description':'Weather in a city','strict':true,'parameters':{'type':"
                + "'object','properties':{'city':{'type':'string','maxLength':20},'unit':{'enum':['celsius','fahrenheit']}},'required':['city','unit'],"
                + "'additionalProperties':false}}]";
        JsonNode first = create(server, "{'model':'" + M + "','input':'Weather in Paris?'," + tools + ",'tool_choice':'required',"
                + "'parallel_tool_calls':false,'temperature':0,'max_output_tokens':80}");
        assertEquals("completed", first.get("status").asText(), first.toString());
        JsonNode call = items(first, "function_call").getFirst();
        assertEquals("get_weather", call.get("name").asText());
        JsonNode arguments = RunningServer.JSON.readTree(call.get("arguments").asText());
        assertTrue(List.of("celsius", "fahrenheit").contains(arguments.get("unit").asText()), arguments.toString());
        JsonNode next = create(server, "{'model':'" + M + "','previous_response_id':'" + first.get("id").asText() + "','input':[{'type':"
                + "'function_call_output','call_id':'" + call.get("call_id").asText() + "','output':'sunny, 21 degrees'}]," + tools
                + ",'temperature':0,'max_output_tokens':60}");
        assertEquals(first.get("id").asText(), next.get("previous_response_id").asText());
        assertFalse(items(next, "message").isEmpty() && items(next, "function_call").isEmpty(), next.toString());
        assertTrue(next.get("usage").get("input_tokens_details").get("cached_tokens").asInt() >= first.get("usage").get("input_tokens").asInt(),
                "the continuation's prompt extends the first one, so the prefix cache covers it: " + next.get("usage") + " vs " + first.get("usage"));
    }

    @Test
    void truncationAutoDropsTheOldestHistoryWhenTheConversationOutgrowsTheContext() throws Exception {
        int context = 384;
        try (RunningServer small = RunningServer.start(c -> new GatewayConfig(c.model(), c.host(), 0, c.threads(), c.maxBatch(), c.maxQueue(), null,
                context, c.maxBodyBytes(), c.requestTimeoutMillis(), c.compileBudgetMillis(), c.prefixCacheBytes(), c.overlapMasks(), c.steerToEnd(),
                agentConfig(temp.resolve("small"))))) {
            String filler = "word ".repeat(150).strip();
            JsonNode first = create(small, "{'model':'" + M + "','input':'" + filler + "','max_output_tokens':4}");
            JsonNode second = create(small, "{'model':'" + M + "','previous_response_id':'" + first.get("id").asText() + "','input':'" + filler
                    + "','max_output_tokens':4}");
            String third = "{'model':'" + M + "','previous_response_id':'" + second.get("id").asText() + "','input':'" + filler
                    + "','max_output_tokens':4,'truncation':'%s'}";
            JsonNode refused = create(small, third.formatted("disabled"));
            assertEquals("failed", refused.get("status").asText(), refused.toString());
            assertEquals("context_length_exceeded", refused.get("error").get("code").asText());
            JsonNode truncated = create(small, third.formatted("auto"));
            assertEquals("auto", truncated.get("truncation").asText());
            assertTrue(truncated.get("error").isNull(), truncated.toString());
            int prompt = truncated.get("usage").get("input_tokens").asInt();
            assertTrue(prompt > 150 && prompt + 4 <= context, "the prompt kept the new input and fits: " + prompt);
        }
    }

    @Test
    void storedResponsesSurviveARestart() throws Exception {
        Path data = temp.resolve("restart");
        JsonNode first;
        try (RunningServer once = RunningServer.start(c -> c.withAgent(agentConfig(data)))) {
            first = create(once, "{'model':'" + M + "','input':'My name is Ann.','temperature':0,'max_output_tokens':16}");
        }
        try (RunningServer again = RunningServer.start(c -> c.withAgent(agentConfig(data)))) {
            String id = first.get("id").asText();
            HttpResponse<String> stored = again.get("/v1/responses/" + id);
            assertEquals(200, stored.statusCode(), stored.body());
            assertEquals(first, RunningServer.json(stored));
            JsonNode items = RunningServer.json(again.get("/v1/responses/" + id + "/input_items"));
            assertEquals("My name is Ann.", items.get("data").get(0).get("content").get(0).get("text").asText());
            JsonNode next = create(again, "{'model':'" + M + "','previous_response_id':'" + id + "','input':'What is my name?','temperature':0,"
                    + "'max_output_tokens':16}");
            assertEquals(id, next.get("previous_response_id").asText());
            assertTrue(next.get("usage").get("input_tokens").asInt() > first.get("usage").get("total_tokens").asInt(), "the history is in the prompt");
        }
    }

    @Test
    void twentyConcurrentConversationsEachContinueTheirOwnHistory() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<JsonNode[]>> runs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                runs.add(pool.submit(() -> {
                    JsonNode a = create(server, "{'model':'" + M + "','input':'Conversation " + n + ": remember the number " + (1000 + n)
                            + ".','temperature':0,'max_output_tokens':8}");
                    JsonNode b = create(server, "{'model':'" + M + "','previous_response_id':'" + a.get("id").asText()
                            + "','input':'Which number?','temperature':0,'max_output_tokens':8}");
                    return new JsonNode[] {a, b};
                }));
            }
            Map<String, Integer> owners = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                JsonNode[] pair = runs.get(i).get();
                assertEquals(pair[0].get("id").asText(), pair[1].get("previous_response_id").asText());
                assertTrue(pair[1].get("usage").get("input_tokens").asInt() > pair[0].get("usage").get("total_tokens").asInt());
                JsonNode items = RunningServer.json(server.get("/v1/responses/" + pair[1].get("id").asText() + "/input_items"));
                assertEquals("Which number?", items.get("data").get(0).get("content").get(0).get("text").asText());
                JsonNode firstItems = RunningServer.json(server.get("/v1/responses/" + pair[0].get("id").asText() + "/input_items"));
                assertTrue(firstItems.get("data").get(0).get("content").get(0).get("text").asText().contains(Integer.toString(1000 + i)));
                assertEquals(null, owners.put(pair[1].get("id").asText(), i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers

    private static String mcp(String allowedTools, String approval) {
        return "{'type':'mcp','server_label':'test','allowed_tools':" + allowedTools + ",'require_approval':" + approval + "}";
    }

    private static JsonNode create(RunningServer on, String singleQuoted) throws IOException, InterruptedException {
        HttpResponse<String> r = on.post("/v1/responses", RunningServer.JSON.readTree(GatewayServerTest.q(singleQuoted)).toString());
        assertEquals(200, r.statusCode(), r.body());
        return RunningServer.json(r);
    }

    private static List<JsonNode> items(JsonNode response, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : response.get("output")) if (item.get("type").asText().equals(type)) out.add(item);
        return out;
    }

    /** The event stream's JSON events, read over a real HTTP connection. */
    private List<JsonNode> stream(String singleQuoted) throws IOException, InterruptedException {
        HttpResponse<java.util.stream.Stream<String>> r = server.http.send(HttpRequest.newBuilder(URI.create(server.base + "/v1/responses"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(RunningServer.JSON.readTree(GatewayServerTest.q(singleQuoted)).toString())).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
        List<JsonNode> events = new ArrayList<>();
        for (String line : (Iterable<String>) r.body()::iterator) {
            if (line.startsWith("data: ")) events.add(RunningServer.JSON.readTree(line.substring(6)));
        }
        return events;
    }
}
