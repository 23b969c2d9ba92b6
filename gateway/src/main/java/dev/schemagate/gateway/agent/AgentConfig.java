package dev.schemagate.gateway.agent;

import java.nio.file.Path;

/**
 * How the agent host runs: where responses are stored, which MCP servers and domains exist, and the limits every
 * run is held to.
 *
 * @param dataDir            the stored-responses database lives here; null: a temporary directory, gone at close
 * @param toolsConfig        the {@code --tools-config} file (stdio servers, URL allow-list, domains), or null
 * @param maxRounds          model turns per response before it ends incomplete ({@code max_rounds})
 * @param tokenBudget        prompt plus output tokens over all turns of one response ({@code token_budget})
 * @param toolCallTimeoutMillis one MCP call's wall-clock limit; a call over it becomes an error the model sees
 * @param runTimeoutMillis   one response's wall-clock limit ({@code run_timeout})
 * @param maxRuns            responses in progress at once; more get 429
 */
public record AgentConfig(Path dataDir, Path toolsConfig, int maxRounds, long tokenBudget, long toolCallTimeoutMillis,
                          long runTimeoutMillis, int maxRuns) {
    public static AgentConfig defaults() {
        return new AgentConfig(null, null, 8, 32_768, 30_000, 300_000, 64);
    }

    public AgentConfig withDataDir(Path dir) {
        return new AgentConfig(dir, toolsConfig, maxRounds, tokenBudget, toolCallTimeoutMillis, runTimeoutMillis, maxRuns);
    }

    public AgentConfig withToolsConfig(Path file) {
        return new AgentConfig(dataDir, file, maxRounds, tokenBudget, toolCallTimeoutMillis, runTimeoutMillis, maxRuns);
    }

    public AgentConfig withTimeouts(long toolCallMillis, long runMillis) {
        return new AgentConfig(dataDir, toolsConfig, maxRounds, tokenBudget, toolCallMillis, runMillis, maxRuns);
    }
}
