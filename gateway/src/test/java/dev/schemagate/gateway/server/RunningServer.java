package dev.schemagate.gateway.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.decoder.model.LoadProgress;
import dev.schemagate.gateway.GatewayConfig;
import dev.schemagate.gateway.GatewayServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real gateway on 127.0.0.1 (port picked by the OS) with the cached default model, and a real HTTP client. */
final class RunningServer implements AutoCloseable {
    static final String MODEL_ID = "SmolLM2-135M-Instruct.Q4_1";
    static final ObjectMapper JSON = new ObjectMapper();

    final GatewayServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    private RunningServer(GatewayServer server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    static Path model() {
        Path model = Path.of(System.getProperty("schemagate.cache", System.getProperty("user.home") + "/.cache/schemagate"),
                "models", "SmolLM2-135M-Instruct.Q4_1.gguf");
        assumeTrue(Files.isRegularFile(model), model + " is absent: run scripts/fetch-model.sh");
        return model;
    }

    static RunningServer start(java.util.function.UnaryOperator<GatewayConfig> adjust) throws IOException {
        GatewayConfig config = adjust.apply(GatewayConfig.defaults(model()).withPort(0));
        return new RunningServer(GatewayServer.start(config, LoadProgress.NONE));
    }

    HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** A metric's value from /metrics (the first sample whose line starts with {@code name}). */
    double metric(String name) throws IOException, InterruptedException {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        throw new AssertionError("no metric " + name);
    }

    @Override
    public void close() {
        server.close();
    }
}
