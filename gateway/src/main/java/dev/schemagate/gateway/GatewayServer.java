package dev.schemagate.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.decoder.Model;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.gateway.agent.AgentHost;
import dev.schemagate.gateway.constraint.ConstraintCompiler;
import dev.schemagate.gateway.engine.Scheduler;
import dev.schemagate.gateway.engine.SchedulerConfig;
import dev.schemagate.gateway.http.Routes;
import dev.schemagate.gateway.metrics.GatewayMetrics;
import dev.schemagate.gateway.service.GenerationService;
import dev.schemagate.decoder.model.LoadProgress;
import dev.schemagate.schemas.JsonSchemaOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * The running gateway: the model, its scheduler thread, the constraint compiler, and a Vert.x HTTP server
 * in front. {@link #close()} stops accepting, ends running sequences, and frees the model.
 */
public final class GatewayServer implements AutoCloseable {
    private final Model model;
    private final Scheduler scheduler;
    private final ConstraintCompiler compiler;
    private final Vertx vertx;
    private final HttpServer http;
    private final GatewayMetrics metrics;
    private final AgentHost agents;

    private GatewayServer(Model model, Scheduler scheduler, ConstraintCompiler compiler, Vertx vertx, HttpServer http, GatewayMetrics metrics,
                          AgentHost agents) {
        this.agents = agents;
        this.model = model;
        this.scheduler = scheduler;
        this.compiler = compiler;
        this.vertx = vertx;
        this.http = http;
        this.metrics = metrics;
    }

    public static GatewayServer start(GatewayConfig config, LoadProgress progress) throws IOException {
        Model model = Model.load(config.model(), config.threads(), progress);
        GatewayMetrics metrics = new GatewayMetrics();
        int context = Math.min(config.contextLength(), model.config().contextLength());
        Scheduler scheduler = new Scheduler(model, new SchedulerConfig(config.maxBatch(), config.maxQueue(), 512, 64, context,
                config.prefixCacheBytes(), config.overlapMasks(), config.steerToEnd()), metrics);
        MaskEngine engine = new MaskEngine(model.tokenizer().vocabulary());
        ConstraintCompiler compiler = new ConstraintCompiler(engine, JsonSchemaOptions.COMPACT.withClosedObjects(), config.compileBudgetMillis(), 4, 512);
        metrics.gauges(scheduler::queued, scheduler::running, compiler::cacheHits, compiler::cacheMisses);
        String modelId = modelId(config.model());
        GenerationService service = new GenerationService(model, modelId, scheduler, compiler, metrics, config.requestTimeoutMillis());
        AgentHost agents;
        try {
            agents = AgentHost.open(config.agent(), service, metrics);
        } catch (IOException | RuntimeException e) {
            scheduler.close();
            compiler.close();
            model.close();
            throw e;
        }
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                            // HTTP/1.1 only, as the SDKs speak it: a request the JDK client upgraded to h2c was once cancelled mid-way.
                            .setHttp2ClearTextEnabled(false))
                    .requestHandler(Routes.router(vertx, config, service, agents, metrics, modelsBody(modelId)))
                    .listen().toCompletionStage().toCompletableFuture().get();
            return new GatewayServer(model, scheduler, compiler, vertx, http, metrics, agents);
        } catch (InterruptedException | ExecutionException e) {
            vertx.close();
            agents.close();
            scheduler.close();
            compiler.close();
            model.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + (e.getCause() != null ? e.getCause().getMessage() : e), e);
        }
    }

    /** The model's name as clients send it: the file name without {@code .gguf}. */
    public static String modelId(java.nio.file.Path model) {
        String name = model.getFileName().toString();
        return name.endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
    }

    private static ObjectNode modelsBody(String modelId) {
        ObjectNode body = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        ObjectNode m = data.addObject();
        m.put("id", modelId);
        m.put("object", "model");
        m.put("created", 0);
        m.put("owned_by", "schemagate");
        return body;
    }

    public int port() {
        return http.actualPort();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        try {
            http.close().toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException | ExecutionException ignored) {
            // Closing anyway.
        }
        agents.close();
        scheduler.close();
        compiler.close();
        vertx.close();
        model.close();
    }
}
