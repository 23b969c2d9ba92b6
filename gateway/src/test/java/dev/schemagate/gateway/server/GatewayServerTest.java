package dev.schemagate.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.schemas.validate.InstanceValidator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The OpenAI surface of a real server with the real default model, through a real HTTP client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayServerTest {
    private static final String PERSON = "{'type':'object','properties':{'name':{'type':'string','maxLength':20},"
            + "'age':{'type':'integer','minimum':0,'maximum':120},'role':{'enum':['admin','user']}},"
            + "'required':['name','age','role'],'additionalProperties':false}";
    private static final String WEATHER_TOOL = "{'type':'function','function':{'name':'get_weather','strict':true,'parameters':"
            + "{'type':'object','properties':{'city':{'type':'string','maxLength':20},'unit':{'enum':['c','f']}},"
            + "'required':['city','unit'],'additionalProperties':false}}}";
    private static final String TIME_TOOL = "{'type':'function','function':{'name':'get_time','parameters':{'type':'object','properties':"
            + "{'zone':{'type':'string','maxLength':10}},'required':['zone'],'additionalProperties':false}}}";

    private RunningServer s;

    @BeforeAll
    void start() throws Exception {
        s = RunningServer.start(c -> c);
    }

    @AfterAll
    void stop() {
        if (s != null) s.close();
    }

    static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private String chat(String extra) {
        return q("{'model':'" + RunningServer.MODEL_ID + "','messages':[{'role':'user','content':'Give me a person.'}]," + extra + "}");
    }

    @Test
    void modelsAndHealth() throws Exception {
        assertEquals(RunningServer.MODEL_ID, RunningServer.json(s.get("/v1/models")).get("data").get(0).get("id").asText());
        assertEquals("ok", RunningServer.json(s.get("/health")).get("status").asText());
        assertTrue(s.get("/metrics").body().contains("schemagate_validation_failures_total"));
    }

    @Test
    void jsonSchemaResponsesValidate() throws Exception {
        for (int seed = 0; seed < 3; seed++) {
            HttpResponse<String> r = s.post("/v1/chat/completions", chat("'response_format':{'type':'json_schema','json_schema':"
                    + "{'name':'person','strict':true,'schema':" + PERSON + "}},'temperature':1,'seed':" + seed + ",'max_tokens':120"));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = RunningServer.json(r);
            JsonNode choice = body.get("choices").get(0);
            assertEquals("chat.completion", body.get("object").asText());
            if (choice.get("finish_reason").asText().equals("length")) continue;
            assertEquals("stop", choice.get("finish_reason").asText());
            JsonNode person = RunningServer.JSON.readTree(choice.get("message").get("content").asText());
            assertEquals(List.of(), new InstanceValidator(RunningServer.JSON.readTree(q(PERSON))).validate(person), person.toString());
            JsonNode usage = body.get("usage");
            assertEquals(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(), usage.get("total_tokens").asInt());
        }
        assertEquals(0.0, s.metric("schemagate_validation_failures_total"));
    }

    @Test
    void aBudgetThatCoversTheShortestEndingEndsInAValidOutput() throws Exception {
        // The shortest person, {"name":"","age":0,"role":"user"}, is 33 bytes; 40 tokens leave little room to ramble.
        for (int seed = 0; seed < 4; seed++) {
            HttpResponse<String> r = s.post("/v1/chat/completions", chat("'response_format':{'type':'json_schema','json_schema':"
                    + "{'name':'person','strict':true,'schema':" + PERSON + "}},'temperature':1.2,'seed':" + seed + ",'max_tokens':40"));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode choice = RunningServer.json(r).get("choices").get(0);
            assertEquals("stop", choice.get("finish_reason").asText(), choice.toString());
            JsonNode person = RunningServer.JSON.readTree(choice.get("message").get("content").asText());
            assertEquals(List.of(), new InstanceValidator(RunningServer.JSON.readTree(q(PERSON))).validate(person), person.toString());
            assertTrue(RunningServer.json(r).get("usage").get("completion_tokens").asInt() <= 40);
        }
    }

    @Test
    void regexChoiceAndJsonObjectConstraints() throws Exception {
        JsonNode regex = RunningServer.json(s.post("/v1/chat/completions", chat("'guided_regex':'[0-9]{3}-[0-9]{4}','max_tokens':20")));
        assertTrue(regex.get("choices").get(0).get("message").get("content").asText().matches("[0-9]{3}-[0-9]{4}"), regex.toString());
        JsonNode choice = RunningServer.json(s.post("/v1/chat/completions", chat("'structured_outputs':{'choice':['yes','no']},'max_tokens':5")));
        assertTrue(List.of("yes", "no").contains(choice.get("choices").get(0).get("message").get("content").asText()), choice.toString());
        JsonNode object = RunningServer.json(s.post("/v1/chat/completions", chat("'response_format':{'type':'json_object'},'max_tokens':60,'seed':3")));
        JsonNode c = object.get("choices").get(0);
        if (c.get("finish_reason").asText().equals("stop")) {
            assertTrue(RunningServer.JSON.readTree(c.get("message").get("content").asText()).isObject());
        }
    }

    @Test
    void gbnfAndLarkGrammarsConstrainTheOutput() throws Exception {
        JsonNode gbnf = RunningServer.json(s.post("/v1/chat/completions", chat("'grammar':'root ::= (\\'yes\\' | \\'no\\') \\', \\' [0-9]','max_tokens':10")));
        assertTrue(gbnf.get("choices").get(0).get("message").get("content").asText().matches("(yes|no), [0-9]"), gbnf.toString());
        JsonNode lark = RunningServer.json(s.post("/v1/chat/completions", chat("'guided_grammar':'start: WORD \\\"!\\\"\\nWORD: /[a-z]{2,6}/','max_tokens':10")));
        assertTrue(lark.get("choices").get(0).get("message").get("content").asText().matches("[a-z]{2,6}!"), lark.toString());
    }

    @Test
    void requiredAndNamedToolCallsAreSchemaValid() throws Exception {
        String tools = "'tools':[" + WEATHER_TOOL + "," + TIME_TOOL + "]";
        for (String choice : List.of("'required'", "{'type':'function','function':{'name':'get_time'}}")) {
            HttpResponse<String> r = s.post("/v1/chat/completions", q("{'model':'" + RunningServer.MODEL_ID + "','messages':[{'role':'user',"
                    + "'content':'What is the weather in Paris?'}]," + tools + ",'tool_choice':" + choice + ",'max_tokens':80,'temperature':0}"));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode c = RunningServer.json(r).get("choices").get(0);
            assertEquals("tool_calls", c.get("finish_reason").asText(), r.body());
            JsonNode call = c.get("message").get("tool_calls").get(0);
            assertEquals("function", call.get("type").asText());
            assertTrue(call.get("id").asText().startsWith("call_"));
            String name = call.get("function").get("name").asText();
            if (choice.contains("get_time")) assertEquals("get_time", name);
            JsonNode args = RunningServer.JSON.readTree(call.get("function").get("arguments").asText());
            String schema = name.equals("get_time") ? TIME_TOOL : WEATHER_TOOL;
            JsonNode parameters = RunningServer.JSON.readTree(q(schema)).get("function").get("parameters");
            assertEquals(List.of(), new InstanceValidator(parameters).validate(args), args.toString());
        }
    }

    @Test
    void streamingSendsChunksUsageAndDone() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.base + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(chat("'stream':true,'stream_options':{'include_usage':true},'max_tokens':12,'seed':1"))).build();
        HttpResponse<String> r = s.http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) events.add(RunningServer.JSON.readTree(line.substring(6)));
        }
        assertTrue(r.body().strip().endsWith("data: [DONE]"));
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonNode e : events) {
            if (e.get("choices").isEmpty()) continue;
            assertEquals("chat.completion.chunk", e.get("object").asText());
            JsonNode c = e.get("choices").get(0);
            if (c.get("delta").has("content")) text.append(c.get("delta").get("content").asText());
            if (!c.get("finish_reason").isNull()) finish = c.get("finish_reason").asText();
        }
        assertEquals("length", finish);
        JsonNode usage = events.getLast().get("usage");
        assertEquals(12, usage.get("completion_tokens").asInt());
        assertFalse(text.isEmpty());
    }

    @Test
    void aSharedPrefixIsServedFromTheCache() throws Exception {
        String system = "You are a careful assistant. ".repeat(12);
        String request = q("{'model':'" + RunningServer.MODEL_ID + "','messages':[{'role':'system','content':'" + system + "'},"
                + "{'role':'user','content':'QUESTION'}],'max_tokens':3,'temperature':0}");
        RunningServer.json(s.post("/v1/chat/completions", request.replace("QUESTION", "Name a color.")));
        JsonNode second = RunningServer.json(s.post("/v1/chat/completions", request.replace("QUESTION", "Name a fruit.")));
        int cached = second.get("usage").get("prompt_tokens_details").get("cached_tokens").asInt();
        assertTrue(cached > 60, "the system prompt (" + second.get("usage") + ") came from the prefix cache");
    }

    @Test
    void sixteenConcurrentClientsEachGetAValidAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int seed = i;
                answers.add(pool.submit(() -> s.post("/v1/chat/completions", chat("'response_format':{'type':'json_schema','json_schema':"
                        + "{'name':'p','schema':" + PERSON + "}},'seed':" + seed + ",'max_tokens':60"))));
            }
            JsonNode schema = RunningServer.JSON.readTree(q(PERSON));
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                assertEquals(200, r.statusCode(), r.body());
                JsonNode c = RunningServer.json(r).get("choices").get(0);
                if (c.get("finish_reason").asText().equals("stop")) {
                    assertEquals(List.of(), new InstanceValidator(schema).validate(RunningServer.JSON.readTree(c.get("message").get("content").asText())));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0.0, s.metric("schemagate_validation_failures_total"));
    }

    @Test
    void aClientThatLeavesMidStreamFreesItsSequence() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.base + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(chat("'stream':true,'max_tokens':2000,'seed':5"))).build();
        HttpResponse<java.io.InputStream> r = s.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (int events = 0; events < 4; ) if (reader.readLine().startsWith("data: ")) events++;
        }
        for (int i = 0; i < 100 && s.metric("schemagate_running_sequences") > 0; i++) Thread.sleep(100);
        assertEquals(0.0, s.metric("schemagate_running_sequences"), "the abandoned sequence was cancelled");
    }
}
