package dev.schemagate.benchmarks.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench-serve}: C concurrent streaming clients send N chat requests over HTTP, once with the
 * constraint and once without, so the cost of constraining is a ratio measured in the same minute.
 */
public final class ServeBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The measurements of one pass. */
    public record Pass(int requests, int ok, int errors, Map<Integer, Integer> statuses, double tokPerSec, double ttftP50, double ttftP99,
                       double tpotP50, double tpotP99, long wallNanos) {}

    private ServeBench() {}

    /**
     * One pass of requests {@code [firstIndex, firstIndex + requests)}.
     *
     * @param firstIndex the index of the first request (its prompt and seed); a warm-up starts past the measured ones
     * @param constraint a JSON Schema for {@code response_format}, or null for free text
     */
    public static Pass run(URI base, String model, int concurrency, int firstIndex, int requests, JsonNode constraint, int maxTokens)
            throws Exception {
        List<StreamedRequest> results = new ArrayList<>();
        long wall = send(base, model, concurrency, firstIndex, requests, constraint, new int[requests], maxTokens, results);
        return pass(requests, results, wall);
    }

    /**
     * The same requests with the constraint and without it. Free request i may produce as many tokens as
     * constrained request i did, so both sides decode the same lengths at the same context sizes and start new
     * prompts as often (shorter outputs mean more prefill rows in every step): the constraint is the only
     * difference. Segments of two waves (2 x concurrency requests) alternate, constrained then free, so a
     * machine whose speed drifts (a shared VM) slows both sides alike. Returns {constrained, free}.
     */
    public static Pass[] compare(URI base, String model, int concurrency, int requests, JsonNode constraint, int maxTokens)
            throws Exception {
        List<StreamedRequest> constrained = new ArrayList<>();
        List<StreamedRequest> free = new ArrayList<>();
        long constrainedWall = 0;
        long freeWall = 0;
        int segment = 2 * concurrency;
        for (int first = 0; first < requests; first += segment) {
            int n = Math.min(segment, requests - first);
            List<StreamedRequest> withConstraint = new ArrayList<>();
            int[] lengths = new int[n];
            constrainedWall += send(base, model, concurrency, first, n, constraint, new int[n], maxTokens, withConstraint);
            for (int i = 0; i < n; i++) lengths[i] = withConstraint.get(i).tokens();
            constrained.addAll(withConstraint);
            freeWall += send(base, model, concurrency, first, n, null, lengths, maxTokens, free);
        }
        return new Pass[] {pass(requests, constrained, constrainedWall), pass(requests, free, freeWall)};
    }

    /**
     * Sends the requests from C clients and adds what each saw to {@code results}, in request order; returns the
     * wall time in nanoseconds. Request {@code firstIndex + i} may produce {@code lengths[i]} tokens, or
     * {@code maxTokens} where that is 0.
     */
    private static long send(URI base, String model, int concurrency, int firstIndex, int requests, JsonNode constraint, int[] lengths,
                             int maxTokens, List<StreamedRequest> results) throws Exception {
        URI url = base.resolve("/v1/chat/completions");
        AtomicInteger next = new AtomicInteger();
        StreamedRequest[] seen = new StreamedRequest[requests];
        long t0 = System.nanoTime();
        try (ExecutorService io = Executors.newFixedThreadPool(4);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io).build();
             ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                workers.add(clients.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < requests; ) {
                        int budget = lengths[i] > 0 ? lengths[i] : maxTokens;
                        seen[i] = StreamedRequest.send(http, url, body(model, firstIndex + i, constraint, budget));
                    }
                }));
            }
            for (Future<?> w : workers) w.get();
            results.addAll(Arrays.asList(seen));
            return System.nanoTime() - t0;
        }
    }

    private static Pass pass(int requests, List<StreamedRequest> results, long wall) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Long> ttft = new ArrayList<>();
        List<Long> tpot = new ArrayList<>();
        long tokens = 0;
        int ok = 0;
        int errors = 0;
        for (StreamedRequest r : results) {
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() == 200 && r.error() == null) {
                ok++;
                tokens += r.tokens();
                if (r.ttftNanos() > 0) ttft.add(r.ttftNanos());
                if (r.tpotNanos() > 0) tpot.add(r.tpotNanos());
            } else if (r.status() != 429) {
                errors++;
            }
        }
        return new Pass(requests, ok, errors, statuses, tokens / (wall / 1e9), millis(ttft, 0.5), millis(ttft, 0.99), millis(tpot, 0.5),
                millis(tpot, 0.99), wall);
    }

    /**
     * Request {@code i}: the same seeds in both passes; the user message starts with the pass's own tag so that
     * neither pass finds the other's prompts in the prefix cache (only the shared chat preamble).
     */
    static String body(String model, int i, JsonNode constraint, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", (constraint != null ? "Constrained" : "Free") + " request " + i
                + ": describe person number " + i + " of a small company as JSON, with a name, an age and a role.");
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0.8);
        body.put("seed", i);
        if (constraint != null) {
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode schema = format.putObject("json_schema");
            schema.put("name", "bench");
            schema.set("schema", constraint);
        }
        return body.toString();
    }

    private static double millis(List<Long> nanos, double q) {
        if (nanos.isEmpty()) return Double.NaN;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    public static void print(PrintStream out, int concurrency, Pass constrained, Pass free) {
        out.printf("%n| run | requests | ok | errors | statuses | tok/s | TTFT p50 ms | TTFT p99 ms | TPOT p50 ms | TPOT p99 ms |%n");
        out.printf("|---|--:|--:|--:|---|--:|--:|--:|--:|--:|%n");
        row(out, "constrained, c=" + concurrency, constrained);
        if (free != null) row(out, "unconstrained, c=" + concurrency, free);
        if (free != null) out.printf("%nconstrained / unconstrained TPOT p50: %.3f%n", constrained.tpotP50() / free.tpotP50());
    }

    private static void row(PrintStream out, String name, Pass p) {
        out.printf("| %s | %d | %d | %d | %s | %.1f | %.0f | %.0f | %.2f | %.2f |%n", name, p.requests(), p.ok(), p.errors(), p.statuses(),
                p.tokPerSec(), p.ttftP50(), p.ttftP99(), p.tpotP50(), p.tpotP99());
    }

    public static ObjectNode summary(int concurrency, Pass constrained, Pass free) {
        ObjectNode json = JSON.createObjectNode();
        json.put("concurrency", concurrency);
        json.put("requests", constrained.requests());
        json.put("errors", constrained.errors() + (free == null ? 0 : free.errors()));
        json.put("tok_s", constrained.tokPerSec());
        json.put("ttft_ms_p50", constrained.ttftP50());
        json.put("ttft_ms_p99", constrained.ttftP99());
        json.put("tpot_ms_p50", constrained.tpotP50());
        json.put("tpot_ms_p99", constrained.tpotP99());
        ObjectNode statuses = json.putObject("statuses");
        constrained.statuses().forEach((k, v) -> statuses.put(Integer.toString(k), v));
        if (free != null) {
            json.put("unconstrained_tok_s", free.tokPerSec());
            json.put("unconstrained_tpot_ms_p50", free.tpotP50());
        }
        return json;
    }
}
