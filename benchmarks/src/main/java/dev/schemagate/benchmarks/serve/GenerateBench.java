package dev.schemagate.benchmarks.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.schemas.validate.InstanceValidator;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench-generate}: JSONSchemaBench-style. For each schema, a chat request through the HTTP API asking for
 * an instance; every returned output is validated with networknt. Invalid must be 0.
 */
public final class GenerateBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SCHEMA_CHARS_IN_PROMPT = 1500;

    /** One schema's fate. */
    public enum Outcome { VALID, INVALID, REFUSED, TRUNCATED, ERROR }

    public record Result(Path file, Outcome outcome, String detail) {}

    private GenerateBench() {}

    public static List<Result> run(URI base, String model, List<Path> files, int concurrency, int maxTokens, long seed) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Future<Result>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            for (Path file : files) futures.add(pool.submit(() -> one(http, base.resolve("/v1/chat/completions"), model, file, maxTokens, seed)));
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) results.add(f.get());
            return results;
        }
    }

    private static Result one(HttpClient http, URI url, String model, Path file, int maxTokens, long seed) {
        try {
            JsonNode schema = JSON.readTree(Files.readString(file)).get("schema");
            String schemaText = schema.toString();
            if (schemaText.length() > SCHEMA_CHARS_IN_PROMPT) schemaText = schemaText.substring(0, SCHEMA_CHARS_IN_PROMPT) + " ...";
            ObjectNode body = JSON.createObjectNode();
            body.put("model", model);
            ObjectNode message = body.putArray("messages").addObject();
            message.put("role", "user");
            message.put("content", "Write a JSON value that is valid under this JSON Schema:\n" + schemaText);
            body.put("max_tokens", maxTokens);
            body.put("temperature", 0.7);
            body.put("seed", seed);
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            format.putObject("json_schema").put("name", "instance").set("schema", schema);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400) return new Result(file, Outcome.REFUSED, JSON.readTree(response.body()).path("error").path("message").asText());
            if (response.statusCode() != 200) return new Result(file, Outcome.ERROR, response.statusCode() + " " + response.body());
            JsonNode choice = JSON.readTree(response.body()).get("choices").get(0);
            if (choice.get("finish_reason").asText().equals("length")) return new Result(file, Outcome.TRUNCATED, "");
            String content = choice.get("message").get("content").asText();
            List<String> problems;
            try {
                problems = new InstanceValidator(schema).validate(JSON.readTree(content));
            } catch (Exception e) {
                problems = List.of("not JSON: " + e.getMessage());
            }
            return problems.isEmpty() ? new Result(file, Outcome.VALID, "") : new Result(file, Outcome.INVALID, problems + " in " + content);
        } catch (Exception e) {
            return new Result(file, Outcome.ERROR, e.toString());
        }
    }

    public static ObjectNode summary(List<Result> results) {
        ObjectNode json = JSON.createObjectNode();
        json.put("schemas", results.size());
        for (Outcome o : Outcome.values()) {
            String key = switch (o) {
                case VALID -> "valid";
                case INVALID -> "invalid";
                case REFUSED -> "refused";
                case TRUNCATED -> "truncated";
                case ERROR -> "errors";
            };
            json.put(key, results.stream().filter(r -> r.outcome() == o).count());
        }
        return json;
    }

    public static void print(PrintStream out, List<Result> results) {
        ObjectNode s = summary(results);
        out.printf("%n| schemas | valid | invalid | refused | truncated | errors |%n|--:|--:|--:|--:|--:|--:|%n");
        out.printf("| %d | %d | %d | %d | %d | %d |%n", s.get("schemas").asInt(), s.get("valid").asInt(), s.get("invalid").asInt(),
                s.get("refused").asInt(), s.get("truncated").asInt(), s.get("errors").asInt());
        for (Result r : results) {
            if (r.outcome() == Outcome.INVALID || r.outcome() == Outcome.ERROR) out.println(r.outcome() + " " + r.file().getFileName() + ": " + r.detail());
        }
    }
}
