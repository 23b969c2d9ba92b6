package dev.schemagate.cli;

import dev.schemagate.gateway.GatewayConfig;
import dev.schemagate.gateway.GatewayServer;
import dev.schemagate.gateway.agent.AgentConfig;
import java.io.IOException;
import java.net.URI;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The server a serving benchmark talks to: one at {@code --url}, or a fresh one started in this process. */
final class BenchServer {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--url", paramLabel = "URL", description = "a running server (default: start one in this process on a free port)")
    URI url;

    @Option(names = "--max-batch", paramLabel = "N", description = "for the in-process server (default ${DEFAULT-VALUE})")
    int maxBatch = 8;

    @Option(names = "--max-queue", paramLabel = "N", description = "for the in-process server (default ${DEFAULT-VALUE})")
    int maxQueue = 256;

    @Option(names = "--no-steer", description = "for the in-process server: do not steer outputs to their shortest ending")
    boolean noSteer;

    /** A started server (or null with --url) and its base URI. */
    record Running(GatewayServer server, URI base, String modelId) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) server.close();
        }
    }

    Running start() throws IOException {
        return start(null);
    }

    /** @param agent the in-process server's agent host (tools config, limits), or null for the defaults */
    Running start(AgentConfig agent) throws IOException {
        if (url != null) {
            return new Running(null, url, GatewayServer.modelId(model.path != null ? model.path : ModelOptions.defaultPath()));
        }
        GatewayConfig d = GatewayConfig.defaults(model.modelPath());
        GatewayConfig config = new GatewayConfig(d.model(), "127.0.0.1", 0, model.threadCount(), maxBatch, maxQueue, null, d.contextLength(),
                d.maxBodyBytes(), d.requestTimeoutMillis(), d.compileBudgetMillis(), d.prefixCacheBytes(), d.overlapMasks(), !noSteer, agent != null ? agent : d.agent());
        GatewayServer server = GatewayServer.start(config, model.progressBar(System.err));
        return new Running(server, URI.create("http://127.0.0.1:" + server.port()), GatewayServer.modelId(config.model()));
    }
}
