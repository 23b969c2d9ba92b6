package dev.schemagate.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.gateway.GatewayConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A corpus of bad requests: each gets a 4xx with an OpenAI error body a user can act on, within a second, and
 * the server answers a normal request right after. Plus authentication and overload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final String M = RunningServer.MODEL_ID;
    private static final String MSGS = "'messages':[{'role':'user','content':'hi'}]";
    private RunningServer s;

    record Bad(String name, String path, byte[] body, int status) {}

    @BeforeAll
    void start() throws Exception {
        s = RunningServer.start(c -> c);
    }

    @AfterAll
    void stop() {
        if (s != null) s.close();
    }

    private static Bad chat(String name, String json) {
        return new Bad(name, "/v1/chat/completions", GatewayServerTest.q(json).getBytes(StandardCharsets.UTF_8), 400);
    }

    private static Bad responses(String name, String json) {
        return new Bad(name, "/v1/responses", GatewayServerTest.q(json).getBytes(StandardCharsets.UTF_8), 400);
    }

    private static Bad withModel(String name, String fields) {
        return chat(name, "{'model':'" + M + "'," + MSGS + "," + fields + "}");
    }

    private static Bad schema(String name, String schema) {
        return withModel(name, "'response_format':{'type':'json_schema','json_schema':{'name':'x','schema':" + schema + "}}");
    }

    static List<Bad> corpus() {
        List<Bad> bad = new ArrayList<>();
        String valid = "{'model':'" + M + "'," + MSGS + "}";
        // Malformed and truncated JSON.
        for (int cut : new int[] {1, 5, 12, 30, GatewayServerTest.q(valid).length() - 1}) {
            bad.add(new Bad("truncated at " + cut, "/v1/chat/completions", GatewayServerTest.q(valid).substring(0, cut).getBytes(StandardCharsets.UTF_8), 400));
        }
        for (String junk : List.of("", "null", "[]", "42", "\"text\"", "{model:1}", "{'model':'x',}", "{\"a\":1}{", "\u0000\u0001")) {
            bad.add(new Bad("malformed " + junk, "/v1/chat/completions", GatewayServerTest.q(junk).getBytes(StandardCharsets.UTF_8), 400));
        }
        bad.add(new Bad("invalid UTF-8", "/v1/chat/completions", concat(GatewayServerTest.q("{'model':'" + M + "','messages':[{'role':'user','content':'"),
                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, GatewayServerTest.q("'}]}")), 400));
        bad.add(new Bad("10 MB body", "/v1/chat/completions", GatewayServerTest.q("{'model':'" + M + "','messages':[{'role':'user','content':'"
                + "x".repeat(10 << 20) + "'}]}").getBytes(StandardCharsets.UTF_8), 413));
        bad.add(new Bad("JSON nested 10,000 deep", "/v1/chat/completions", ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8), 400));
        bad.add(schema("schema nested 10,000 deep", "{'items':".repeat(10_000) + "{}" + "}".repeat(10_000)));
        // Wrong types and ranges.
        bad.add(chat("missing model", "{" + MSGS + "}"));
        bad.add(chat("model not a string", "{'model':7," + MSGS + "}"));
        bad.add(chat("unknown model", "{'model':'gpt-17'," + MSGS + "}"));
        bad.add(chat("missing messages", "{'model':'" + M + "'}"));
        bad.add(chat("messages not an array", "{'model':'" + M + "','messages':'hi'}"));
        bad.add(chat("empty messages", "{'model':'" + M + "','messages':[]}"));
        bad.add(chat("message not an object", "{'model':'" + M + "','messages':['hi']}"));
        bad.add(chat("unknown role", "{'model':'" + M + "','messages':[{'role':'robot','content':'hi'}]}"));
        bad.add(chat("content a number", "{'model':'" + M + "','messages':[{'role':'user','content':5}]}"));
        bad.add(chat("image part", "{'model':'" + M + "','messages':[{'role':'user','content':[{'type':'image_url','image_url':{'url':'x'}}]}]}"));
        bad.add(withModel("temperature string", "'temperature':'warm'"));
        bad.add(withModel("temperature negative", "'temperature':-1"));
        bad.add(withModel("top_p above 1", "'top_p':1.5"));
        bad.add(withModel("max_tokens zero", "'max_tokens':0"));
        bad.add(withModel("max_tokens huge", "'max_tokens':100000000"));
        bad.add(withModel("max_tokens beyond int", "'max_tokens':1e40"));
        bad.add(withModel("max_tokens string", "'max_tokens':'10'"));
        bad.add(withModel("n huge", "'n':100000"));
        bad.add(withModel("n zero", "'n':0"));
        bad.add(withModel("seed string", "'seed':'x'"));
        bad.add(withModel("stop object", "'stop':{}"));
        bad.add(withModel("five stops", "'stop':['a','b','c','d','e']"));
        bad.add(withModel("stream string", "'stream':'yes'"));
        bad.add(withModel("top_logprobs without logprobs", "'top_logprobs':2"));
        bad.add(withModel("top_logprobs 50", "'logprobs':true,'top_logprobs':50"));
        bad.add(withModel("response_format string", "'response_format':'json'"));
        bad.add(withModel("response_format unknown type", "'response_format':{'type':'yaml'}"));
        bad.add(withModel("json_schema missing", "'response_format':{'type':'json_schema'}"));
        bad.add(withModel("schema missing", "'response_format':{'type':'json_schema','json_schema':{'name':'x'}}"));
        bad.add(withModel("schema a number", "'response_format':{'type':'json_schema','json_schema':{'name':'x','schema':3}}"));
        bad.add(withModel("guided_json not JSON", "'guided_json':'{nope'"));
        bad.add(withModel("two constraints", "'guided_regex':'a','guided_choice':['a']"));
        bad.add(withModel("empty choice", "'guided_choice':[]"));
        bad.add(withModel("regex syntax error", "'guided_regex':'(a+'"));
        bad.add(withModel("regex bad range", "'guided_regex':'[z-a]'"));
        bad.add(withModel("regex bad quantifier", "'guided_regex':'a{3,1}'"));
        bad.add(withModel("gbnf syntax error", "'grammar':'root ::= (\\'a\\''"));
        bad.add(withModel("gbnf undefined rule", "'grammar':'root ::= thing'"));
        bad.add(withModel("lark undefined rule", "'guided_grammar':'start: item'"));
        // Schemas the compiler refuses, naming the keyword and its place.
        bad.add(schema("unsatisfiable length", "{'type':'string','minLength':5,'maxLength':2}"));
        bad.add(schema("unsatisfiable types", "{'allOf':[{'type':'string'},{'type':'integer'}]}"));
        bad.add(schema("unsatisfiable range", "{'type':'integer','minimum':10,'maximum':1}"));
        bad.add(schema("empty enum", "{'enum':[]}"));
        bad.add(schema("false schema", "false"));
        bad.add(schema("ref cycle", "{'$defs':{'a':{'$ref':'#/$defs/b'},'b':{'$ref':'#/$defs/a'}},'$ref':'#/$defs/a'}"));
        bad.add(schema("self ref", "{'$ref':'#'}"));
        bad.add(schema("dangling ref", "{'$ref':'#/$defs/missing'}"));
        bad.add(schema("uniqueItems", "{'type':'array','uniqueItems':true}"));
        bad.add(schema("if then else", "{'if':{'type':'string'},'then':{'maxLength':3}}"));
        bad.add(schema("bad pattern", "{'type':'string','pattern':'(unclosed'}"));
        bad.add(schema("type unknown", "{'type':'thing'}"));
        bad.add(schema("required infinite", "{'type':'object','properties':{'a':{'$ref':'#'}},'required':['a']}"));
        // Tools.
        bad.add(withModel("tools not an array", "'tools':{}"));
        bad.add(withModel("tool without function", "'tools':[{'type':'function'}]"));
        bad.add(withModel("tool name with spaces", "'tools':[{'type':'function','function':{'name':'get weather'}}]"));
        bad.add(withModel("duplicate tool names", "'tools':[{'type':'function','function':{'name':'f'}},{'type':'function','function':{'name':'f'}}]"));
        bad.add(withModel("tool parameters a string", "'tools':[{'type':'function','function':{'name':'f','parameters':'x'}}]"));
        bad.add(withModel("tool_choice without tools", "'tool_choice':'required'"));
        bad.add(withModel("tool_choice unknown function", "'tools':[{'type':'function','function':{'name':'f'}}],'tool_choice':{'type':'function','function':{'name':'g'}}"));
        bad.add(withModel("tool_choice word", "'tools':[{'type':'function','function':{'name':'f'}}],'tool_choice':'always'"));
        bad.add(withModel("tool schema unsatisfiable", "'tools':[{'type':'function','function':{'name':'f','parameters':{'type':'object','properties':"
                + "{'a':{'type':'integer','minimum':3,'maximum':1}},'required':['a']}}}],'tool_choice':'required'"));
        bad.add(withModel("assistant tool call arguments not JSON", "'messages':[{'role':'user','content':'x'},{'role':'assistant','tool_calls':"
                + "[{'id':'1','type':'function','function':{'name':'f','arguments':'{oops'}}]}]"));
        // Completions.
        bad.add(new Bad("completion without prompt", "/v1/completions", GatewayServerTest.q("{'model':'" + M + "'}").getBytes(StandardCharsets.UTF_8), 400));
        bad.add(new Bad("completion prompt number", "/v1/completions", GatewayServerTest.q("{'model':'" + M + "','prompt':3}").getBytes(StandardCharsets.UTF_8), 400));
        bad.add(new Bad("completion echo", "/v1/completions", GatewayServerTest.q("{'model':'" + M + "','prompt':'a','echo':true}").getBytes(StandardCharsets.UTF_8), 400));
        bad.add(new Bad("no such endpoint", "/v1/embeddings", GatewayServerTest.q(valid).getBytes(StandardCharsets.UTF_8), 404));
        bad.add(withModel("stop with a schema", "'response_format':{'type':'json_object'},'stop':['}']"));
        bad.add(withModel("stop with required tools", "'tools':[{'type':'function','function':{'name':'f','parameters':{'type':'object'}}}],"
                + "'tool_choice':'required','stop':['}']"));
        // The Responses API.
        bad.add(responses("responses without input", "{'model':'" + M + "'}"));
        bad.add(responses("responses without model", "{'input':'hi'}"));
        bad.add(responses("responses unknown model", "{'model':'gpt-9','input':'hi'}"));
        bad.add(responses("responses input number", "{'model':'" + M + "','input':7}"));
        bad.add(responses("responses item unknown type", "{'model':'" + M + "','input':[{'type':'computer_call','id':'x'}]}"));
        bad.add(responses("responses message bad role", "{'model':'" + M + "','input':[{'role':'robot','content':'hi'}]}"));
        bad.add(responses("responses image part", "{'model':'" + M + "','input':[{'role':'user','content':[{'type':'input_image','image_url':'x'}]}]}"));
        bad.add(responses("responses function_call arguments not JSON", "{'model':'" + M + "','input':[{'type':'function_call','call_id':'c',"
                + "'name':'f','arguments':'{oops'}]}"));
        bad.add(responses("responses duplicate item ids", "{'model':'" + M + "','input':[{'id':'a','role':'user','content':'x'},"
                + "{'id':'a','role':'user','content':'y'}]}"));
        bad.add(responses("responses web_search tool", "{'model':'" + M + "','input':'hi','tools':[{'type':'web_search'}]}"));
        bad.add(responses("responses mcp without url or config", "{'model':'" + M + "','input':'hi','tools':[{'type':'mcp','server_label':'x'}]}"));
        bad.add(responses("responses mcp private url", "{'model':'" + M + "','input':'hi','tools':[{'type':'mcp','server_label':'x',"
                + "'server_url':'http://10.0.0.5/mcp'}]}"));
        bad.add(responses("responses mcp bad approval", "{'model':'" + M + "','input':'hi','tools':[{'type':'mcp','server_label':'x',"
                + "'server_url':'http://127.0.0.1:9/mcp','require_approval':'sometimes'}]}"));
        bad.add(responses("responses tool_choice unknown function", "{'model':'" + M + "','input':'hi','tools':[{'type':'function','name':'f'}],"
                + "'tool_choice':{'type':'function','name':'g'}}"));
        bad.add(responses("responses tool_choice mcp without name", "{'model':'" + M + "','input':'hi','tools':[{'type':'mcp','server_label':'x',"
                + "'server_url':'http://127.0.0.1:9/mcp'}],'tool_choice':{'type':'mcp','server_label':'x'}}"));
        bad.add(responses("responses unknown previous response", "{'model':'" + M + "','input':'hi','previous_response_id':'resp_nope'}"));
        bad.add(responses("responses approval for nothing", "{'model':'" + M + "','input':[{'type':'mcp_approval_response',"
                + "'approval_request_id':'mcpr_x','approve':true}]}"));
        bad.add(responses("responses bad text format", "{'model':'" + M + "','input':'hi','text':{'format':{'type':'yaml'}}}"));
        bad.add(responses("responses schema unenforceable", "{'model':'" + M + "','input':'hi','text':{'format':{'type':'json_schema','name':'x',"
                + "'schema':{'type':'array','uniqueItems':true}}}}"));
        bad.add(responses("responses max_tool_calls zero", "{'model':'" + M + "','input':'hi','max_tool_calls':0}"));
        bad.add(responses("responses background", "{'model':'" + M + "','input':'hi','background':true}"));
        bad.add(responses("responses metadata not strings", "{'model':'" + M + "','input':'hi','metadata':{'a':1}}"));
        return bad;
    }

    @Test
    void everyBadRequestGetsAClear4xxQuicklyAndTheServerStaysUp() throws Exception {
        List<Bad> corpus = corpus();
        assertTrue(corpus.size() >= 60, "corpus has " + corpus.size() + " requests");
        List<String> problems = new ArrayList<>();
        for (Bad bad : corpus) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = s.post(bad.path(), bad.body());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            JsonNode error;
            try {
                error = RunningServer.json(r).get("error");
            } catch (Exception e) {
                error = null;
            }
            if (r.statusCode() != bad.status()) problems.add(bad.name() + ": status " + r.statusCode() + " " + truncate(r.body()));
            else if (error == null || error.get("message").asText().length() < 10 || !error.has("type")) problems.add(bad.name() + ": no error body: " + truncate(r.body()));
            else if (millis > 1000) problems.add(bad.name() + ": took " + millis + " ms");
        }
        assertEquals(List.of(), problems);
        HttpResponse<String> ok = s.post("/v1/chat/completions", GatewayServerTest.q("{'model':'" + M + "'," + MSGS + ",'max_tokens':2}"));
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void storedResponseEndpointsAnswerUnknownIdsAndBadPagingClearly() throws Exception {
        assertEquals(404, s.get("/v1/responses/resp_unknown").statusCode());
        assertEquals(404, s.get("/v1/responses/resp_unknown/input_items").statusCode());
        HttpResponse<String> deleted = s.http.send(HttpRequest.newBuilder(URI.create(s.base + "/v1/responses/resp_unknown")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, deleted.statusCode());
        assertEquals("not_found", RunningServer.json(deleted).get("error").get("code").asText());
        HttpResponse<String> made = s.post("/v1/responses", GatewayServerTest.q("{'model':'" + M + "','input':'hi','max_output_tokens':2}"));
        assertEquals(200, made.statusCode(), made.body());
        String id = RunningServer.json(made).get("id").asText();
        for (String query : List.of("limit=0", "limit=101", "limit=x", "order=up", "after=msg_nope")) {
            HttpResponse<String> r = s.get("/v1/responses/" + id + "/input_items?" + query);
            assertEquals(400, r.statusCode(), query + ": " + r.body());
        }
        assertEquals(200, s.get("/v1/responses/" + id + "/input_items?limit=1&order=asc").statusCode());
    }

    @Test
    void schemaErrorsNameTheKeywordAndPointer() throws Exception {
        HttpResponse<String> r = s.post("/v1/chat/completions", GatewayServerTest.q("{'model':'" + M + "'," + MSGS
                + ",'response_format':{'type':'json_schema','json_schema':{'name':'x','schema':{'type':'object','properties':"
                + "{'tags':{'type':'array','uniqueItems':true}}}}}}"));
        assertEquals(400, r.statusCode());
        JsonNode error = RunningServer.json(r).get("error");
        String message = error.get("message").asText();
        assertTrue(message.contains("uniqueItems") && message.contains("/properties/tags"), message);
        assertEquals("response_format", error.get("param").asText());
    }

    @Test
    void grammarErrorsNameTheFieldLineAndColumn() throws Exception {
        HttpResponse<String> r = s.post("/v1/chat/completions", GatewayServerTest.q("{'model':'" + M + "'," + MSGS
                + ",'guided_grammar':'root ::= \\'a\\'\\nitem ::= (\\'b\\''}"));
        assertEquals(400, r.statusCode());
        JsonNode error = RunningServer.json(r).get("error");
        assertEquals("guided_grammar", error.get("param").asText());
        assertTrue(error.get("message").asText().contains("line 2"), error.toString());
    }

    @Test
    void catastrophicBacktrackingRegexesAreAnsweredPromptly() throws Exception {
        for (String regex : List.of("(a+)+b", "(a|aa)*c", "(x+x+)+y")) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = s.post("/v1/chat/completions", GatewayServerTest.q("{'model':'" + M + "'," + MSGS + ",'max_tokens':4,'guided_regex':'"
                    + regex + "'}"));
            assertTrue(r.statusCode() == 200 || r.statusCode() == 400, r.body());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, regex);
        }
    }

    @Test
    void anApiKeyIsRequiredWhenConfigured() throws Exception {
        try (RunningServer locked = RunningServer.start(c -> new GatewayConfig(c.model(), c.host(), 0, 1, 1, 1, "sekret", c.contextLength(),
                c.maxBodyBytes(), c.requestTimeoutMillis(), c.compileBudgetMillis(), c.prefixCacheBytes(), c.overlapMasks(), c.steerToEnd(), c.agent()))) {
            String body = GatewayServerTest.q("{'model':'" + M + "'," + MSGS + ",'max_tokens':1}");
            assertEquals(401, locked.post("/v1/chat/completions", body).statusCode());
            HttpResponse<String> wrong = locked.http.send(HttpRequest.newBuilder(URI.create(locked.base + "/v1/models"))
                    .header("Authorization", "Bearer nope").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            assertEquals("invalid_api_key", RunningServer.json(wrong).get("error").get("code").asText());
            HttpResponse<String> right = locked.http.send(HttpRequest.newBuilder(URI.create(locked.base + "/v1/chat/completions"))
                    .header("Authorization", "Bearer sekret").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, right.statusCode(), right.body());

            // One running, one waiting: the queue (1) is full, so more are told to come back, and none is lost.
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            String longer = GatewayServerTest.q("{'model':'" + M + "'," + MSGS + ",'max_tokens':40}");
            for (int i = 0; i < 8; i++) {
                burst.add(locked.http.sendAsync(HttpRequest.newBuilder(URI.create(locked.base + "/v1/chat/completions"))
                        .header("Authorization", "Bearer sekret").POST(HttpRequest.BodyPublishers.ofString(longer)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            int ok = 0;
            int busy = 0;
            for (CompletableFuture<HttpResponse<String>> f : burst) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 200) ok++;
                else {
                    assertEquals(429, r.statusCode(), r.body());
                    assertTrue(r.headers().firstValue("retry-after").isPresent());
                    busy++;
                }
            }
            assertTrue(ok >= 1 && busy >= 1, ok + " answered, " + busy + " refused");
            assertFalse(ok + busy != 8);
        }
    }

    private static byte[] concat(String a, byte[] b, String c) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] z = c.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[x.length + b.length + z.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(b, 0, out, x.length, b.length);
        System.arraycopy(z, 0, out, x.length + b.length, z.length);
        return out;
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
