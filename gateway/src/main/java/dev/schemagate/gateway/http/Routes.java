package dev.schemagate.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.GatewayConfig;
import dev.schemagate.gateway.agent.AgentHost;
import dev.schemagate.gateway.api.ApiException;
import dev.schemagate.gateway.metrics.GatewayMetrics;
import dev.schemagate.gateway.service.GenerationService;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The HTTP surface: OpenAI's paths, health and metrics, authentication, and errors in OpenAI's shape. */
public final class Routes {
    private Routes() {}

    public static Router router(Vertx vertx, GatewayConfig config, GenerationService service, AgentHost agents, GatewayMetrics metrics,
                                ObjectNode models) {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject().put("status", "ok")));
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        if (config.apiKey() != null) router.route("/v1/*").handler(ctx -> authenticate(ctx, config.apiKey(), metrics));
        router.get("/v1/models").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(models.toString()));
        router.get("/v1/models/:id").handler(ctx -> {
            String id = ctx.pathParam("id");
            if (!id.equals(service.modelId())) {
                Errors.send(ctx, new ApiException(404, "invalid_request_error", "model", "model_not_found", "the model '" + id + "' does not exist"),
                        metrics, "models");
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json").end(models.get("data").get(0).toString());
        });
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
        router.post("/v1/chat/completions").handler(body).handler(new GenerationHandler(true, service, metrics));
        router.post("/v1/completions").handler(body).handler(new GenerationHandler(false, service, metrics));
        ResponsesHandler responses = new ResponsesHandler(agents, metrics);
        router.post("/v1/responses").handler(body).handler(responses::create);
        router.get("/v1/responses/:id").handler(responses::get);
        router.delete("/v1/responses/:id").handler(responses::delete);
        router.get("/v1/responses/:id/input_items").handler(responses::inputItems);

        router.errorHandler(413, ctx -> Errors.send(ctx, new ApiException(413, "invalid_request_error", null, "request_too_large",
                "the request body is larger than " + config.maxBodyBytes() + " bytes"), metrics, "any"));
        router.errorHandler(404, ctx -> Errors.send(ctx, new ApiException(404, "invalid_request_error", null, "not_found",
                "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()), metrics, "any"));
        router.errorHandler(405, ctx -> Errors.send(ctx, new ApiException(405, "invalid_request_error", null, "method_not_allowed",
                "method " + ctx.request().method() + " is not allowed on " + ctx.request().path()), metrics, "any"));
        router.errorHandler(400, ctx -> Errors.send(ctx, ApiException.invalid(null, "bad request" + (ctx.failure() != null ? ": " + ctx.failure().getMessage() : "")),
                metrics, "any"));
        router.errorHandler(500, ctx -> Errors.send(ctx, Errors.asApi(ctx.failure() != null ? ctx.failure() : new IllegalStateException("unknown failure")),
                metrics, "any"));
        return router;
    }

    private static void authenticate(RoutingContext ctx, String key, GatewayMetrics metrics) {
        String header = ctx.request().getHeader("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
            Errors.send(ctx, new ApiException(401, "invalid_request_error", null, "invalid_api_key",
                    given == null ? "missing API key: send 'Authorization: Bearer <key>'" : "incorrect API key"), metrics, "auth");
            return;
        }
        ctx.next();
    }
}
