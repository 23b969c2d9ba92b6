package dev.schemagate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.agent.AgentEvents;
import dev.schemagate.gateway.agent.AgentHost;
import dev.schemagate.gateway.agent.AgentRequest;
import dev.schemagate.gateway.agent.AgentRun;
import dev.schemagate.gateway.agent.Items;
import dev.schemagate.gateway.api.ApiException;
import dev.schemagate.gateway.api.ResponsesRequestParser;
import dev.schemagate.gateway.metrics.GatewayMetrics;
import dev.schemagate.gateway.store.ItemPage;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * {@code /v1/responses}: create (parse on the event loop, prepare on a worker, run on the agent host's own
 * thread, answer with one body or the event stream), and get, delete and list input items of stored responses.
 * A run whose client goes away still finishes and is stored when {@code store} is on; otherwise it is cancelled.
 */
final class ResponsesHandler {
    private static final String ENDPOINT = "responses";
    private final AgentHost host;
    private final GatewayMetrics metrics;

    ResponsesHandler(AgentHost host, GatewayMetrics metrics) {
        this.host = host;
        this.metrics = metrics;
    }

    void create(RoutingContext ctx) {
        AgentRequest request;
        try {
            request = ResponsesRequestParser.parse(Errors.parseBody(ctx), host.tools());
        } catch (ApiException e) {
            Errors.send(ctx, e, metrics, ENDPOINT);
            return;
        }
        Context context = ctx.vertx().getOrCreateContext();
        ctx.vertx().executeBlocking(() -> host.prepare(request), false).onComplete(ar -> {
            if (ar.failed()) {
                Errors.send(ctx, Errors.asApi(ar.cause()), metrics, ENDPOINT);
                return;
            }
            AgentRun run = ar.result();
            if (!request.store()) ctx.response().closeHandler(v -> run.cancel());
            metrics.request(ENDPOINT, 200);
            if (request.stream()) {
                ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
                host.start(run, new ResponseEventStream(ctx.response(), context)).whenComplete((response, failure) -> {
                    if (failure != null) context.runOnContext(v -> Errors.send(ctx, Errors.asApi(failure), metrics, ENDPOINT));
                });
                return;
            }
            host.start(run, AgentEvents.NONE).whenComplete((response, failure) -> context.runOnContext(v -> {
                if (ctx.response().closed()) return;
                if (failure != null) {
                    Errors.send(ctx, Errors.asApi(failure), metrics, ENDPOINT);
                    return;
                }
                ctx.response().putHeader("Content-Type", "application/json").end(response.toString());
            }));
        });
    }

    void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        blocking(ctx, () -> host.stored(id).orElseThrow(() -> notFound(id)).response());
    }

    void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        blocking(ctx, () -> {
            if (!host.delete(id)) throw notFound(id);
            return Items.JSON.createObjectNode().put("id", id).put("object", "response").put("deleted", true);
        });
    }

    void inputItems(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String after = ctx.queryParams().get("after");
        String order = ctx.queryParams().get("order");
        String limitText = ctx.queryParams().get("limit");
        int limit;
        try {
            limit = limitText == null ? 20 : Integer.parseInt(limitText);
            if (limit < 1 || limit > 100) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            Errors.send(ctx, ApiException.invalid("limit", "'limit' must be an integer from 1 to 100"), metrics, ENDPOINT);
            return;
        }
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            Errors.send(ctx, ApiException.invalid("order", "'order' must be asc or desc"), metrics, ENDPOINT);
            return;
        }
        boolean ascending = "asc".equals(order);
        blocking(ctx, () -> {
            ItemPage page = host.store().inputItems(id, after, limit, ascending).orElseThrow(() -> notFound(id));
            ObjectNode body = Items.JSON.createObjectNode();
            body.put("object", "list");
            ArrayNode data = page.data();
            body.set("data", data);
            body.put("first_id", data.isEmpty() ? null : data.get(0).path("id").asText());
            body.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).path("id").asText());
            body.put("has_more", page.hasMore());
            return body;
        });
    }

    private void blocking(RoutingContext ctx, Callable<JsonNode> work) {
        ctx.vertx().executeBlocking(work, false).onComplete(ar -> {
            if (ar.failed()) {
                Errors.send(ctx, Errors.asApi(ar.cause()), metrics, ENDPOINT);
                return;
            }
            metrics.request(ENDPOINT, 200);
            if (!ctx.response().closed()) ctx.response().putHeader("Content-Type", "application/json").end(ar.result().toString());
        });
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "invalid_request_error", "response_id", "not_found", "no stored response '" + id + "'");
    }
}
