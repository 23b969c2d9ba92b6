package dev.schemagate.gateway;

import dev.schemagate.gateway.agent.AgentConfig;
import java.nio.file.Path;

/**
 * How {@code ./schemagate serve} runs.
 *
 * @param apiKey              null: no authentication
 * @param maxBodyBytes        larger request bodies get 413
 * @param requestTimeoutMillis a request still running after this ends with a timeout error
 * @param compileBudgetMillis  longest a constraint may take to compile
 * @param steerToEnd          steer constrained outputs to their shortest ending when the token budget runs low
 * @param agent               the agent host behind /v1/responses
 */
public record GatewayConfig(Path model, String host, int port, int threads, int maxBatch, int maxQueue, String apiKey,
                            int contextLength, long maxBodyBytes, long requestTimeoutMillis, long compileBudgetMillis,
                            long prefixCacheBytes, boolean overlapMasks, boolean steerToEnd, AgentConfig agent) {
    public static GatewayConfig defaults(Path model) {
        return new GatewayConfig(model, "127.0.0.1", 8000, Runtime.getRuntime().availableProcessors(), 8, 64, null, 4096,
                4L << 20, 600_000, 10_000, 1L << 30, true, true, AgentConfig.defaults());
    }

    public GatewayConfig withPort(int port) {
        return new GatewayConfig(model, host, port, threads, maxBatch, maxQueue, apiKey, contextLength, maxBodyBytes, requestTimeoutMillis,
                compileBudgetMillis, prefixCacheBytes, overlapMasks, steerToEnd, agent);
    }

    public GatewayConfig withAgent(AgentConfig agent) {
        return new GatewayConfig(model, host, port, threads, maxBatch, maxQueue, apiKey, contextLength, maxBodyBytes, requestTimeoutMillis,
                compileBudgetMillis, prefixCacheBytes, overlapMasks, steerToEnd, agent);
    }
}
