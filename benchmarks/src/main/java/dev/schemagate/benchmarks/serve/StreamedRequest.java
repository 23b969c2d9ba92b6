package dev.schemagate.benchmarks.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * One streaming chat request as a client sees it: HTTP status, time to the first content token, time between
 * tokens, and the text.
 *
 * @param tokens completion tokens as reported by the server's usage chunk
 */
record StreamedRequest(int status, long ttftNanos, long lastTokenNanos, int tokens, String text, String finishReason, String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Mean time per output token after the first, in nanoseconds; -1 with fewer than two tokens. */
    long tpotNanos() {
        return tokens < 2 ? -1 : (lastTokenNanos - ttftNanos) / (tokens - 1);
    }

    static StreamedRequest send(HttpClient http, URI url, String body) {
        long t0 = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                String text = String.join("\n", response.body().toList());
                return new StreamedRequest(response.statusCode(), 0, 0, 0, text, null, text);
            }
            long first = 0;
            long last = 0;
            int tokens = 0;
            String finish = null;
            String error = null;
            StringBuilder text = new StringBuilder();
            for (Iterator<String> it = response.body().iterator(); it.hasNext(); ) {
                String line = it.next();
                if (!line.startsWith("data: ") || line.equals("data: [DONE]")) continue;
                JsonNode event = JSON.readTree(line.substring(6));
                if (event.has("error")) error = event.get("error").path("message").asText();
                if (event.hasNonNull("usage")) tokens = event.get("usage").get("completion_tokens").asInt();
                JsonNode choices = event.path("choices");
                if (choices.isEmpty()) continue;
                JsonNode choice = choices.get(0);
                String delta = choice.path("delta").path("content").asText("");
                if (!delta.isEmpty()) {
                    long now = System.nanoTime() - t0;
                    if (first == 0) first = now;
                    last = now;
                    text.append(delta);
                }
                if (choice.hasNonNull("finish_reason")) finish = choice.get("finish_reason").asText();
            }
            return new StreamedRequest(200, first, last, tokens, text.toString(), finish, error);
        } catch (IOException e) {
            return new StreamedRequest(-1, 0, 0, 0, "", null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StreamedRequest(-1, 0, 0, 0, "", null, "interrupted");
        }
    }
}
