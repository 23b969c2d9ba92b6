package dev.schemagate.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.gateway.api.ApiException;
import dev.schemagate.gateway.metrics.GatewayMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/** Request bodies in, OpenAI error bodies out. */
final class Errors {
    /** Deeper JSON than this is refused before any schema compiler sees it. */
    static final int MAX_NESTING = 512;
    private static final ObjectMapper BODY_PARSER = new ObjectMapper();

    static {
        BODY_PARSER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
    }

    private Errors() {}

    static JsonNode parseBody(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) throw ApiException.invalid(null, "the request has no body; send a JSON object");
        try {
            JsonNode node = BODY_PARSER.readTree(body.getBytes());
            if (node == null) throw ApiException.invalid(null, "the request has no body; send a JSON object");
            return node;
        } catch (StreamConstraintsException e) {
            throw ApiException.invalid(null, "the request body nests deeper than " + MAX_NESTING + " levels");
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(null, "the request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ApiException.invalid(null, "the request body could not be read: " + e.getMessage());
        }
    }

    /** A failure of a worker task as what the client is told: 4xx for its input, 500 only for our bugs. */
    static ApiException asApi(Throwable t) {
        if (t instanceof ApiException a) return a;
        if (t instanceof IllegalArgumentException) return ApiException.invalid(null, t.getMessage());
        if (t instanceof StackOverflowError) return ApiException.invalid(null, "the request is nested too deeply to process");
        t.printStackTrace();
        return new ApiException(500, "server_error", null, null, "internal error: " + t);
    }

    static void send(RoutingContext ctx, ApiException e, GatewayMetrics metrics, String endpoint) {
        metrics.request(endpoint, e.status());
        if (ctx.response().ended() || ctx.response().closed()) return;
        if (ctx.response().headWritten()) {
            ctx.response().end("data: " + ResponseBodies.error(e) + "\n\ndata: [DONE]\n\n");
            return;
        }
        ctx.response().setStatusCode(e.status()).putHeader("Content-Type", "application/json").end(ResponseBodies.error(e).toString());
    }
}
