package dev.schemagate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.benchmarks.agent.AgentBench;
import dev.schemagate.gateway.agent.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./schemagate bench-agent}: agent runs over {@code /v1/responses} against the MCP test server (stdio, started
 * by the in-process gateway from a generated tools config), every tool call re-validated.
 */
@Command(name = "bench-agent", mixinStandardHelpOptions = true,
        description = "Agent runs against a local MCP server: tool calls, invalid calls (must be 0), guard trips, rounds, latency, prefix-cache hits.")
final class BenchAgentCommand implements Callable<Integer> {
    private static final String LABEL = "bench";

    @Mixin
    BenchServer target = new BenchServer();

    @Option(names = "--tasks", paramLabel = "N", description = "agent runs (default ${DEFAULT-VALUE})")
    int tasks = 12;

    @Option(names = "--concurrency", paramLabel = "C", description = "runs at once (default ${DEFAULT-VALUE})")
    int concurrency = 1;

    @Option(names = "--tool-choice", paramLabel = "MODE", description = "required or auto (default ${DEFAULT-VALUE}); required holds every turn, so guards end those runs")
    String toolChoice = "required";

    @Option(names = "--max-tool-calls", paramLabel = "N", description = "per run (default ${DEFAULT-VALUE})")
    int maxToolCalls = 3;

    @Option(names = "--max-output-tokens", paramLabel = "N", description = "per run (default ${DEFAULT-VALUE})")
    int maxOutputTokens = 256;

    @Option(names = "--seed", paramLabel = "S", description = "run i samples with seed S+i (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--mcp-python", paramLabel = "PATH", description = "python with the PyPI mcp SDK (the launcher passes it)", required = true)
    Path python;

    @Option(names = "--out", paramLabel = "FILE", description = "write the JSON summary here")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (tasks < 1 || concurrency < 1 || maxToolCalls < 1) throw new UsageException("--tasks, --concurrency and --max-tool-calls must be at least 1");
        if (!toolChoice.equals("required") && !toolChoice.equals("auto")) throw new UsageException("--tool-choice must be required or auto");
        if (target.url != null) throw new UsageException("bench-agent starts its own server (its MCP server is declared at startup); drop --url");
        Path server = Path.of(System.getProperty("schemagate.repo", "."), "gateway", "src", "test", "mcp", "test_server.py").toAbsolutePath();
        if (!Files.isRegularFile(server)) throw new UsageException("no MCP test server at " + server);
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.putObject("servers").putObject(LABEL).putArray("command").add(python.toString()).add(server.toString());
        Path toolsConfig = Files.createTempFile("schemagate-bench-agent", ".json");
        try {
            Files.writeString(toolsConfig, config.toString());
            AgentConfig agent = AgentConfig.defaults().withToolsConfig(toolsConfig);
            try (BenchServer.Running running = target.start(agent)) {
                AgentBench.Options options = new AgentBench.Options(LABEL, toolChoice, maxToolCalls, maxOutputTokens, seed);
                // Warm-up: starts the MCP server, compiles the tool schemas and the JIT.
                AgentBench.run(running.base(), running.modelId(), 1, 1, options);
                List<AgentBench.Run> runs = AgentBench.run(running.base(), running.modelId(), tasks, concurrency, options);
                ObjectNode summary = AgentBench.summary(runs);
                AgentBench.print(System.out, runs, summary);
                System.out.println(summary);
                if (out != null) Files.writeString(out, json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
                return summary.get("invalid_tool_calls").asInt() == 0 && summary.get("errors").asInt() == 0 ? 0 : 1;
            }
        } finally {
            Files.deleteIfExists(toolsConfig);
        }
    }
}
