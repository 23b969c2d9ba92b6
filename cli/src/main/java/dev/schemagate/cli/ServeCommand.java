package dev.schemagate.cli;

import dev.schemagate.gateway.GatewayConfig;
import dev.schemagate.gateway.GatewayServer;
import dev.schemagate.gateway.agent.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./schemagate serve}: the OpenAI-compatible gateway, until interrupted. */
@Command(name = "serve", description = "Serve the OpenAI-compatible structured-output API over HTTP.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port = 8000;

    @Option(names = "--max-batch", paramLabel = "N", description = "sequences decoded together (default ${DEFAULT-VALUE})")
    int maxBatch = 8;

    @Option(names = "--max-queue", paramLabel = "N", description = "sequences that may wait; more get 429 (default ${DEFAULT-VALUE})")
    int maxQueue = 64;

    @Option(names = "--api-key", paramLabel = "KEY", description = "require 'Authorization: Bearer KEY' on /v1/*")
    String apiKey;

    @Option(names = "--context", paramLabel = "N", description = "prompt plus output limit per sequence (default ${DEFAULT-VALUE})")
    int context = 4096;

    @Option(names = "--request-timeout-s", paramLabel = "S", description = "server time limit per request (default ${DEFAULT-VALUE})")
    long requestTimeoutSeconds = 600;

    @Option(names = "--compile-budget-ms", paramLabel = "MS", description = "longest a constraint may take to compile (default ${DEFAULT-VALUE})")
    long compileBudgetMillis = 10_000;

    @Option(names = "--prefix-cache-mb", paramLabel = "MB", description = "memory for cached prompt prefixes (default ${DEFAULT-VALUE})")
    long prefixCacheMb = 1024;

    @Option(names = "--no-mask-overlap", description = "fill masks after the forward pass instead of during it")
    boolean noMaskOverlap;

    @Option(names = "--no-steer", description = "never narrow masks to steer an output to its shortest ending near max_tokens")
    boolean noSteer;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "stored responses (/v1/responses) live here (default ${DEFAULT-VALUE})")
    Path dataDir = defaultDataDir();

    @Option(names = "--tools-config", paramLabel = "FILE", description = "MCP servers (stdio and HTTP), allowed server URLs and tool domains, as JSON")
    Path toolsConfig;

    @Option(names = "--max-rounds", paramLabel = "N", description = "model turns per response before it ends incomplete (default ${DEFAULT-VALUE})")
    int maxRounds = AgentConfig.defaults().maxRounds();

    @Option(names = "--agent-token-budget", paramLabel = "N", description = "prompt plus output tokens over one response's turns (default ${DEFAULT-VALUE})")
    long tokenBudget = AgentConfig.defaults().tokenBudget();

    @Option(names = "--tool-timeout-s", paramLabel = "S", description = "one MCP tool call's time limit (default ${DEFAULT-VALUE})")
    long toolTimeoutSeconds = AgentConfig.defaults().toolCallTimeoutMillis() / 1000;

    @Option(names = "--run-timeout-s", paramLabel = "S", description = "one response's time limit, tool calls included (default ${DEFAULT-VALUE})")
    long runTimeoutSeconds = AgentConfig.defaults().runTimeoutMillis() / 1000;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new UsageException("--port must be 0..65535");
        if (maxBatch < 1 || maxBatch > 64) throw new UsageException("--max-batch must be 1..64");
        if (maxQueue < 1) throw new UsageException("--max-queue must be at least 1");
        if (maxRounds < 1) throw new UsageException("--max-rounds must be at least 1");
        if (toolsConfig != null && !Files.isRegularFile(toolsConfig)) throw new UsageException("--tools-config: no such file: " + toolsConfig);
        AgentConfig agent = new AgentConfig(dataDir, toolsConfig, maxRounds, tokenBudget, toolTimeoutSeconds * 1000, runTimeoutSeconds * 1000, maxQueue);
        GatewayConfig config = new GatewayConfig(model.modelPath(), host, port, model.threadCount(), maxBatch, maxQueue, apiKey, context,
                4L << 20, requestTimeoutSeconds * 1000, compileBudgetMillis, prefixCacheMb << 20, !noMaskOverlap, !noSteer, agent);
        GatewayServer server = GatewayServer.start(config, model.progressBar(System.err));
        System.err.println("schemagate: serving " + config.model().getFileName() + " on http://" + host + ":" + server.port() + "/v1");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share")).resolve("schemagate");
    }
}
