package dev.schemagate.gateway.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.mcp.McpTool;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** The Responses API's items as JSON, and their ids (a type prefix and 24 random hex digits). */
public final class Items {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Items() {}

    public static String id(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    public static ObjectNode message(String id, String status, String text) {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "message");
        item.put("id", id);
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) content.add(outputText(text));
        return item;
    }

    public static ObjectNode outputText(String text) {
        ObjectNode part = JSON.createObjectNode();
        part.put("type", "output_text");
        part.put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    public static ObjectNode functionCall(String name, String arguments) {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "function_call");
        item.put("id", id("fc"));
        item.put("call_id", id("call"));
        item.put("name", name);
        item.put("arguments", arguments);
        item.put("status", "completed");
        return item;
    }

    /** An MCP call before it ran: {@code output} and {@code error} null, status in_progress. */
    public static ObjectNode mcpCall(String serverLabel, String name, String arguments, String approvalRequestId) {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "mcp_call");
        item.put("id", id("mcp"));
        item.put("server_label", serverLabel);
        item.put("name", name);
        item.put("arguments", arguments);
        item.putNull("output");
        item.putNull("error");
        item.put("approval_request_id", approvalRequestId);
        item.put("status", "in_progress");
        return item;
    }

    /**
     * Finishes a call with its output or its error, as the convention types it: {@code mcp_tool_execution_error}
     * (the tool failed, timed out or was denied) or, with a JSON-RPC code, {@code mcp_protocol_error} (the server
     * could not be reached, or the call was refused before it was sent).
     */
    public static void finishMcpCall(ObjectNode item, String output, String error, int protocolCode) {
        item.put("output", output);
        if (error == null) {
            item.putNull("error");
        } else if (protocolCode != 0) {
            item.putObject("error").put("type", "mcp_protocol_error").put("code", protocolCode).put("message", error);
        } else {
            ObjectNode e = item.putObject("error").put("type", "mcp_tool_execution_error");
            e.putArray("content").addObject().put("type", "text").put("text", error);
        }
        item.put("status", error == null ? "completed" : "failed");
    }

    /** An {@code mcp_call}'s error as text (a plain string from older clients' replayed items, or the typed object). */
    public static String errorText(JsonNode error) {
        if (error == null || error.isNull()) return null;
        if (error.isTextual()) return error.asText();
        if (error.has("message")) return error.get("message").asText();
        StringBuilder out = new StringBuilder();
        for (JsonNode part : error.path("content")) out.append(part.path("text").asText(""));
        return out.toString();
    }

    public static ObjectNode mcpListTools(String serverLabel, List<McpTool> tools, String error) {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "mcp_list_tools");
        item.put("id", id("mcpl"));
        item.put("server_label", serverLabel);
        ArrayNode list = item.putArray("tools");
        for (McpTool tool : tools) {
            ObjectNode t = list.addObject();
            t.put("name", tool.name());
            t.put("description", tool.description());
            t.set("input_schema", tool.inputSchema());
            t.putNull("annotations");
        }
        item.put("error", error);
        return item;
    }

    public static ObjectNode approvalRequest(String serverLabel, String name, String arguments) {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "mcp_approval_request");
        item.put("id", id("mcpr"));
        item.put("server_label", serverLabel);
        item.put("name", name);
        item.put("arguments", arguments);
        return item;
    }

    /** The routing step's choice (an item of schemagate's own: the convention has none). */
    public static ObjectNode domainRouting(String domain, List<String> domains, List<String> offered) {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "domain_routing");
        item.put("id", id("route"));
        item.put("domain", domain);
        ArrayNode all = item.putArray("domains");
        domains.forEach(all::add);
        ArrayNode tools = item.putArray("tools_offered");
        offered.forEach(tools::add);
        item.put("status", "completed");
        return item;
    }

    public static String type(JsonNode item) {
        return item.path("type").asText("message");
    }
}
