package dev.schemagate.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.agent.AgentEvents;
import dev.schemagate.gateway.agent.Items;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/**
 * The Responses API's server-sent events for one run: {@code response.created}, item and content events, text and
 * argument deltas, {@code response.mcp_call.*} and {@code response.mcp_list_tools.*}, and a final
 * {@code response.completed} / {@code incomplete} / {@code failed}. Each event is serialized when it happens (items
 * change later) and written on the request's event loop, in order.
 */
final class ResponseEventStream implements AgentEvents {
    private final HttpServerResponse response;
    private final Context context;
    private int sequence;

    ResponseEventStream(HttpServerResponse response, Context context) {
        this.response = response;
        this.context = context;
    }

    @Override
    public void started(ObjectNode r) {
        send(event("response.created").set("response", r));
        send(event("response.in_progress").set("response", r));
    }

    @Override
    public void itemAdded(int index, ObjectNode item) {
        send(event("response.output_item.added").put("output_index", index).set("item", item));
        String type = Items.type(item);
        String id = item.path("id").asText();
        switch (type) {
            case "message" -> send(at(event("response.content_part.added"), index, id).put("content_index", 0).set("part", Items.outputText("")));
            case "mcp_call" -> {
                send(at(event("response.mcp_call.in_progress"), index, id));
                send(at(event("response.mcp_call_arguments.delta"), index, id).put("delta", item.path("arguments").asText()));
                send(at(event("response.mcp_call_arguments.done"), index, id).put("arguments", item.path("arguments").asText()));
            }
            case "mcp_list_tools" -> send(at(event("response.mcp_list_tools.in_progress"), index, id));
            default -> { }
        }
    }

    @Override
    public void textDelta(int index, String itemId, String delta) {
        ObjectNode e = at(event("response.output_text.delta"), index, itemId).put("content_index", 0).put("delta", delta);
        e.putArray("logprobs");
        send(e);
    }

    @Override
    public void itemDone(int index, ObjectNode item) {
        String id = item.path("id").asText();
        switch (Items.type(item)) {
            case "message" -> {
                ObjectNode part = (ObjectNode) item.path("content").path(0);
                ObjectNode done = at(event("response.output_text.done"), index, id).put("content_index", 0).put("text", part.path("text").asText());
                done.putArray("logprobs");
                send(done);
                send(at(event("response.content_part.done"), index, id).put("content_index", 0).set("part", part));
            }
            case "function_call" -> {
                String arguments = item.path("arguments").asText();
                send(at(event("response.function_call_arguments.delta"), index, id).put("delta", arguments));
                send(at(event("response.function_call_arguments.done"), index, id).put("name", item.path("name").asText()).put("arguments", arguments));
            }
            case "mcp_call" -> send(at(event(item.path("error").isNull() ? "response.mcp_call.completed" : "response.mcp_call.failed"), index, id));
            case "mcp_list_tools" -> send(at(event(item.path("error").isNull() ? "response.mcp_list_tools.completed" : "response.mcp_list_tools.failed"), index, id));
            default -> { }
        }
        send(event("response.output_item.done").put("output_index", index).set("item", item));
    }

    @Override
    public void finished(ObjectNode r) {
        String status = r.path("status").asText();
        String type = switch (status) {
            case "completed" -> "response.completed";
            case "incomplete" -> "response.incomplete";
            default -> "response.failed";
        };
        send(event(type).set("response", r));
        context.runOnContext(v -> {
            if (!response.closed() && !response.ended()) response.end();
        });
    }

    private synchronized ObjectNode event(String type) {
        ObjectNode e = Items.JSON.createObjectNode();
        e.put("type", type);
        e.put("sequence_number", sequence++);
        return e;
    }

    private static ObjectNode at(ObjectNode event, int index, String itemId) {
        return event.put("item_id", itemId).put("output_index", index);
    }

    /** Serialized now, written on the event loop; events of one run are sent in the order they were made. */
    private synchronized void send(com.fasterxml.jackson.databind.JsonNode event) {
        String text = "event: " + event.path("type").asText() + "\ndata: " + event + "\n\n";
        context.runOnContext(v -> {
            if (!response.closed() && !response.ended()) response.write(text);
        });
    }
}
