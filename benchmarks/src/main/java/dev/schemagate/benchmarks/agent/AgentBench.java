package dev.schemagate.benchmarks.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.schemas.validate.InstanceValidator;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench-agent}: agent runs through {@code POST /v1/responses} against one MCP server with a fixed tool set.
 * Every {@code mcp_call}'s arguments are re-validated here against the schema the server listed (networknt):
 * invalid tool calls must be 0. Runs ended by a guard are counted by reason; the prefix-cache hit rate is over the
 * rounds after each run's first, whose prompts extend the previous round's.
 */
public final class AgentBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tasks, taken in turn; each asks for what one of the tools does. */
    static final List<String> TASKS = List.of(
            "What is 17 plus 25?",
            "Convert 100 celsius to fahrenheit.",
            "Order 2 mugs (sku MUG-1) for Ann, ann@example.com, high priority.",
            "What is the population of Paris?",
            "Add 250 and 750.",
            "How cold is 0 kelvin in celsius?");
    static final List<String> TOOLS = List.of("add", "convert_temperature", "create_order", "lookup_city");

    /** One run's outcome as the benchmark saw it. */
    public record Run(String status, String reason, int toolCalls, int invalidToolCalls, int rounds, long latencyMillis,
                      int laterRoundInput, int laterRoundCached, String error) {}

    public record Options(String serverLabel, String toolChoice, int maxToolCalls, int maxOutputTokens, long seed) {}

    private AgentBench() {}

    public static List<Run> run(URI base, String model, int tasks, int concurrency, Options options) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Future<Run>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            for (int i = 0; i < tasks; i++) {
                int n = i;
                futures.add(pool.submit(() -> one(http, base.resolve("/v1/responses"), model, TASKS.get(n % TASKS.size()), n, options)));
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) runs.add(f.get());
            return runs;
        }
    }

    private static Run one(HttpClient http, URI url, String model, String task, int n, Options options) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("input", task);
        body.put("instructions", "Use the tools to answer.");
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("type", "mcp");
        tool.put("server_label", options.serverLabel());
        TOOLS.forEach(tool.putArray("allowed_tools")::add);
        tool.put("require_approval", "never");
        body.put("tool_choice", options.toolChoice());
        body.put("max_tool_calls", options.maxToolCalls());
        // One call per turn, so rounds and the repeat guard measure the loop rather than parallel duplicates.
        body.put("parallel_tool_calls", false);
        body.put("max_output_tokens", options.maxOutputTokens());
        body.put("temperature", 0.7);
        body.put("seed", options.seed() + n);
        body.put("store", false);
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (response.statusCode() != 200) return new Run("error", null, 0, 0, 0, millis, 0, 0, response.statusCode() + " " + response.body());
            return tally(JSON.readTree(response.body()), millis);
        } catch (Exception e) {
            return new Run("error", null, 0, 0, 0, (System.nanoTime() - t0) / 1_000_000, 0, 0, e.toString());
        }
    }

    private static Run tally(JsonNode r, long millis) throws Exception {
        Map<String, InstanceValidator> schemas = new HashMap<>();
        int calls = 0;
        int invalid = 0;
        for (JsonNode item : r.get("output")) {
            String type = item.path("type").asText();
            if (type.equals("mcp_list_tools")) {
                for (JsonNode t : item.get("tools")) schemas.put(t.get("name").asText(), new InstanceValidator(t.get("input_schema")));
            } else if (type.equals("mcp_call")) {
                calls++;
                InstanceValidator schema = schemas.get(item.get("name").asText());
                if (schema == null || !schema.validate(JSON.readTree(item.get("arguments").asText())).isEmpty()) invalid++;
            }
        }
        JsonNode rounds = r.path("schemagate").path("round_usage");
        int input = 0;
        int cached = 0;
        for (int i = 1; i < rounds.size(); i++) {
            input += rounds.get(i).get("input_tokens").asInt();
            cached += rounds.get(i).get("cached_tokens").asInt();
        }
        String reason = r.path("incomplete_details").path("reason").asText(null);
        String error = r.path("error").isNull() ? null : r.path("error").toString();
        return new Run(r.get("status").asText(), reason, calls, invalid, rounds.size(), millis, input, cached, error);
    }

    public static ObjectNode summary(List<Run> runs) {
        ObjectNode s = JSON.createObjectNode();
        s.put("runs", runs.size());
        s.put("tool_calls", runs.stream().mapToInt(Run::toolCalls).sum());
        s.put("invalid_tool_calls", runs.stream().mapToInt(Run::invalidToolCalls).sum());
        s.put("guard_trips", runs.stream().filter(r -> r.reason() != null && !r.reason().equals("max_output_tokens")).count());
        ObjectNode reasons = s.putObject("ended");
        for (Run r : runs) {
            String key = r.reason() != null ? r.status() + ":" + r.reason() : r.status();
            reasons.put(key, reasons.path(key).asInt() + 1);
        }
        s.put("errors", runs.stream().filter(r -> r.status().equals("error") || r.status().equals("failed")).count());
        s.put("rounds_p50", percentile(runs.stream().mapToLong(Run::rounds).sorted().toArray(), 0.5));
        long[] latency = runs.stream().mapToLong(Run::latencyMillis).sorted().toArray();
        s.put("latency_ms_p50", percentile(latency, 0.5));
        s.put("latency_ms_p99", percentile(latency, 0.99));
        long input = runs.stream().mapToLong(Run::laterRoundInput).sum();
        long cached = runs.stream().mapToLong(Run::laterRoundCached).sum();
        s.put("prefix_cache_hit_rate", input == 0 ? 0 : Math.round(1000.0 * cached / input) / 1000.0);
        return s;
    }

    public static void print(PrintStream out, List<Run> runs, ObjectNode s) {
        out.printf("%-22s %s%n", "runs", s.get("runs"));
        out.printf("%-22s %s (invalid: %s)%n", "tool calls", s.get("tool_calls"), s.get("invalid_tool_calls"));
        out.printf("%-22s %s %s%n", "guard trips", s.get("guard_trips"), s.get("ended"));
        out.printf("%-22s %s%n", "rounds p50", s.get("rounds_p50"));
        out.printf("%-22s p50 %s, p99 %s%n", "latency ms", s.get("latency_ms_p50"), s.get("latency_ms_p99"));
        out.printf("%-22s %s of later rounds' prompt tokens%n", "prefix-cache hits", s.get("prefix_cache_hit_rate"));
        runs.stream().filter(r -> r.error() != null).limit(3).forEach(r -> out.println("error: " + r.error()));
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
