package dev.schemagate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.api.ApiException;
import dev.schemagate.gateway.api.GenerationJob;
import dev.schemagate.gateway.api.RequestParser;
import dev.schemagate.gateway.engine.GeneratedToken;
import dev.schemagate.gateway.engine.QueueFullException;
import dev.schemagate.gateway.engine.SequenceHandle;
import dev.schemagate.gateway.metrics.GatewayMetrics;
import dev.schemagate.gateway.service.ChoiceResult;
import dev.schemagate.gateway.service.ChoiceSink;
import dev.schemagate.gateway.service.GenerationService;
import dev.schemagate.gateway.service.PreparedJob;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions}: parse on the event loop, prepare
 * (render, tokenize, compile) on a worker, submit to the scheduler, then answer with one body or an event
 * stream as tokens arrive. The event loop never waits for the model.
 */
final class GenerationHandler implements Handler<RoutingContext> {
    private final boolean chat;
    private final GenerationService service;
    private final GatewayMetrics metrics;
    private final String endpoint;

    GenerationHandler(boolean chat, GenerationService service, GatewayMetrics metrics) {
        this.chat = chat;
        this.service = service;
        this.metrics = metrics;
        this.endpoint = chat ? "chat_completions" : "completions";
    }

    @Override
    public void handle(RoutingContext ctx) {
        GenerationJob job;
        try {
            JsonNode body = Errors.parseBody(ctx);
            job = chat ? RequestParser.chat(body) : RequestParser.completion(body);
        } catch (ApiException e) {
            Errors.send(ctx, e, metrics, endpoint);
            return;
        }
        Vertx vertx = ctx.vertx();
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> service.prepare(job), false).onComplete(ar -> {
            if (ar.failed()) {
                Errors.send(ctx, Errors.asApi(ar.cause()), metrics, endpoint);
                return;
            }
            start(ctx, context, ar.result());
        });
    }

    private void start(RoutingContext ctx, Context context, PreparedJob prepared) {
        if (ctx.response().closed()) return;
        Executor onLoop = task -> context.runOnContext(v -> task.run());
        Exchange exchange = prepared.job().stream() ? new Stream(ctx, prepared) : new Whole(ctx, prepared);
        List<SequenceHandle> handles;
        try {
            handles = service.submit(prepared, onLoop, exchange);
        } catch (QueueFullException e) {
            ctx.response().putHeader("Retry-After", "1");
            Errors.send(ctx, new ApiException(429, "rate_limit_error", null, "server_busy", e.getMessage()), metrics, endpoint);
            return;
        }
        ctx.response().closeHandler(v -> handles.forEach(SequenceHandle::cancel));
        exchange.started();
    }

    /** One request's answer in the making. */
    private abstract class Exchange implements ChoiceSink {
        final RoutingContext ctx;
        final PreparedJob prepared;
        final String id;
        final long created = System.currentTimeMillis() / 1000;
        final ChoiceResult[] results;
        int finished;

        Exchange(RoutingContext ctx, PreparedJob prepared) {
            this.ctx = ctx;
            this.prepared = prepared;
            this.id = (chat ? "chatcmpl-" : "cmpl-") + UUID.randomUUID().toString().replace("-", "");
            this.results = new ChoiceResult[prepared.job().sampling().n()];
        }

        void started() {}

        String object() {
            return chat ? "chat.completion" : "text_completion";
        }

        @Override
        public void onFinish(ChoiceResult result) {
            results[result.index()] = result;
            metrics.finished(result.outcome().firstTokenNanos(), result.outcome().totalNanos() - result.outcome().firstTokenNanos(),
                    result.outcome().completionTokens());
            if (++finished == results.length) done(Arrays.asList(results));
        }

        abstract void done(List<ChoiceResult> all);

        ApiException failure(List<ChoiceResult> all) {
            for (ChoiceResult r : all) {
                if (r.timedOut()) return new ApiException(504, "timeout_error", null, "timeout", r.error());
            }
            for (ChoiceResult r : all) {
                if (r.error() != null) return new ApiException(500, "server_error", null, "generation_failed", "generation failed: " + r.error());
            }
            return null;
        }
    }

    /** A single JSON body once every choice is done. */
    private final class Whole extends Exchange {
        Whole(RoutingContext ctx, PreparedJob prepared) {
            super(ctx, prepared);
        }

        @Override
        public void onToken(int choice, GeneratedToken token) {}

        @Override
        void done(List<ChoiceResult> all) {
            if (ctx.response().closed()) return;
            ApiException failure = failure(all);
            if (failure != null) {
                Errors.send(ctx, failure, metrics, endpoint);
                return;
            }
            ObjectNode body = ResponseBodies.envelope(id, object(), created, service.modelId());
            ArrayNode choices = body.putArray("choices");
            boolean logprobs = prepared.job().sampling().topLogprobs() >= 0;
            for (ChoiceResult r : all) {
                ObjectNode c = choices.addObject();
                c.put("index", r.index());
                if (chat) {
                    c.set("message", ResponseBodies.message(r));
                    c.set("logprobs", logprobs ? ResponseBodies.chatLogprobs(r.tokens()) : null);
                } else {
                    c.put("text", r.text());
                    c.set("logprobs", logprobs ? ResponseBodies.completionLogprobs(r.tokens()) : null);
                }
                c.put("finish_reason", r.finishReason());
            }
            body.set("usage", ResponseBodies.usage(all));
            metrics.request(endpoint, 200);
            ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
        }
    }

    /** Server-sent events in OpenAI's chunk format, ending with {@code data: [DONE]}. */
    private final class Stream extends Exchange {
        private final ContentFilter[] filters;

        Stream(RoutingContext ctx, PreparedJob prepared) {
            super(ctx, prepared);
            filters = new ContentFilter[results.length];
            for (int i = 0; i < filters.length; i++) filters[i] = new ContentFilter(prepared.job().toolsActive());
        }

        @Override
        String object() {
            return chat ? "chat.completion.chunk" : "text_completion";
        }

        @Override
        void started() {
            HttpServerResponse response = ctx.response();
            response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
            metrics.request(endpoint, 200);
            if (chat) {
                for (int i = 0; i < results.length; i++) {
                    ObjectNode delta = ResponseBodies.JSON.createObjectNode().put("role", "assistant").put("content", "");
                    send(chunk(i, delta, null, null));
                }
            }
        }

        @Override
        public void onToken(int choice, GeneratedToken token) {
            String content = filters[choice].add(token.textDelta());
            boolean logprobs = prepared.job().sampling().topLogprobs() >= 0 && token.token() >= 0;
            if (content.isEmpty() && !logprobs) return;
            ObjectNode lp = logprobs ? (chat ? ResponseBodies.chatLogprobs(List.of(token)) : ResponseBodies.completionLogprobs(List.of(token))) : null;
            send(chunk(choice, chat ? ResponseBodies.JSON.createObjectNode().put("content", content) : null, content, lp));
        }

        @Override
        public void onFinish(ChoiceResult result) {
            String rest = filters[result.index()].flush();
            if (!rest.isEmpty()) send(chunk(result.index(), chat ? ResponseBodies.JSON.createObjectNode().put("content", rest) : null, rest, null));
            if (chat && !result.calls().isEmpty()) {
                ObjectNode delta = ResponseBodies.JSON.createObjectNode();
                delta.set("tool_calls", ResponseBodies.toolCalls(result, true));
                send(chunk(result.index(), delta, null, null));
            }
            if (result.error() == null) {
                ObjectNode last = chunk(result.index(), chat ? ResponseBodies.JSON.createObjectNode() : null, "", null);
                ((ObjectNode) last.get("choices").get(0)).put("finish_reason", result.finishReason());
                send(last);
            }
            super.onFinish(result);
        }

        @Override
        void done(List<ChoiceResult> all) {
            if (ctx.response().closed()) return;
            ApiException failure = failure(all);
            if (failure != null) send(ResponseBodies.error(failure));
            if (prepared.job().includeUsage()) {
                ObjectNode usage = ResponseBodies.envelope(id, object(), created, service.modelId());
                usage.putArray("choices");
                usage.set("usage", ResponseBodies.usage(all));
                send(usage);
            }
            ctx.response().end("data: [DONE]\n\n");
        }

        private ObjectNode chunk(int index, ObjectNode delta, String text, ObjectNode logprobs) {
            ObjectNode body = ResponseBodies.envelope(id, object(), created, service.modelId());
            ObjectNode c = body.putArray("choices").addObject();
            c.put("index", index);
            if (chat) c.set("delta", delta);
            else c.put("text", text);
            c.set("logprobs", logprobs);
            c.putNull("finish_reason");
            return body;
        }

        private void send(ObjectNode event) {
            if (!ctx.response().closed()) ctx.response().write("data: " + event + "\n\n");
        }
    }
}
