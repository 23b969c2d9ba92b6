package dev.schemagate.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.agent.AgentRequest;
import dev.schemagate.gateway.agent.AgentToolChoice;
import dev.schemagate.gateway.agent.ApprovalPolicy;
import dev.schemagate.gateway.agent.Items;
import dev.schemagate.gateway.agent.McpServerUse;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import dev.schemagate.gateway.mcp.McpServerTarget;
import dev.schemagate.gateway.mcp.ToolsConfig;
import dev.schemagate.gateway.tools.ToolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks the body of {@code POST /v1/responses}. Only syntax and references are checked here (on the
 * event loop); what needs I/O (the URL allow-list, stored responses) is checked when the run is prepared.
 */
public final class ResponsesRequestParser {
    private static final Set<String> INPUT_ROLES = Set.of("user", "system", "developer", "assistant");
    /** Output items a client may send back as input (the Agents SDK replays them when it keeps the history itself). */
    private static final Set<String> REPLAYED = Set.of("mcp_call", "mcp_list_tools", "mcp_approval_request", "domain_routing", "reasoning");

    private ResponsesRequestParser() {}

    public static AgentRequest parse(JsonNode body, ToolsConfig config) {
        if (body == null || !body.isObject()) throw ApiException.invalid(null, "the request body must be a JSON object");
        for (String unsupported : List.of("background", "conversation", "prompt")) {
            if (JsonFields.present(body, unsupported) && !(unsupported.equals("background") && !body.get(unsupported).asBoolean(true))) {
                throw ApiException.invalid(unsupported, "'" + unsupported + "' is not supported by this server");
            }
        }
        String model = JsonFields.requiredString(body, "model");
        List<ObjectNode> input = input(body);
        String instructions = JsonFields.string(body, "instructions", null);
        ObjectNode echo = Items.JSON.createObjectNode();
        List<ToolSpec> functions = new ArrayList<>();
        List<McpServerUse> servers = new ArrayList<>();
        tools(body, config, functions, servers);
        if (body.has("tools")) echo.set("tools", withoutHeaders(body.get("tools")));
        AgentToolChoice choice = toolChoice(body, functions, servers);
        if (JsonFields.present(body, "tool_choice")) echo.set("tool_choice", body.get("tool_choice"));
        boolean parallel = JsonFields.bool(body, "parallel_tool_calls", true);
        Integer maxToolCalls = JsonFields.present(body, "max_tool_calls") ? (int) JsonFields.integer(body, "max_tool_calls", 0, 1, 10_000) : null;
        Integer maxOutput = JsonFields.present(body, "max_output_tokens") ? (int) JsonFields.integer(body, "max_output_tokens", 0, 1, Integer.MAX_VALUE) : null;
        ConstraintSpec format = textFormat(body, echo);
        double temperature = JsonFields.number(body, "temperature", 1.0, 0, 2);
        double topP = JsonFields.number(body, "top_p", 1.0, 0, 1);
        if (topP == 0) topP = Double.MIN_VALUE;
        Long seed = JsonFields.present(body, "seed") ? JsonFields.integer(body, "seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
        boolean stream = JsonFields.bool(body, "stream", false);
        boolean store = JsonFields.bool(body, "store", true);
        String previous = JsonFields.string(body, "previous_response_id", null);
        JsonNode metadata = JsonFields.object(body, "metadata");
        if (metadata != null) {
            if (metadata.size() > 16) throw ApiException.invalid("metadata", "'metadata' may hold at most 16 keys");
            metadata.properties().forEach(e -> {
                if (!e.getValue().isTextual()) throw ApiException.invalid("metadata", "'metadata' values must be strings; '" + e.getKey() + "' is not");
            });
            echo.set("metadata", metadata);
        }
        String truncation = JsonFields.string(body, "truncation", "disabled");
        if (!truncation.equals("disabled") && !truncation.equals("auto")) {
            throw ApiException.invalid("truncation", "'truncation' must be auto or disabled, got '" + truncation + "'");
        }
        String user = JsonFields.string(body, "user", null);
        if (user != null) echo.put("user", user);
        if (input.isEmpty() && previous == null) throw ApiException.invalid("input", "missing_required_parameter", "'input' is required");
        return new AgentRequest(model, input, instructions, functions, servers, choice, parallel, maxToolCalls, maxOutput, format, temperature,
                topP, seed, stream, store, previous, truncation.equals("auto"), echo);
    }

    // ---- input

    private static List<ObjectNode> input(JsonNode body) {
        if (!JsonFields.present(body, "input")) return List.of();
        JsonNode v = body.get("input");
        if (v.isTextual()) {
            ObjectNode item = message(Items.id("msg"), "user");
            item.putArray("content").addObject().put("type", "input_text").put("text", v.asText());
            return List.of(item);
        }
        if (!v.isArray()) throw ApiException.invalid("input", "'input' must be a string or an array of items, got " + JsonFields.kind(v));
        List<ObjectNode> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            ObjectNode item = item(v.get(i), "input[" + i + "]");
            if (!ids.add(item.get("id").asText())) throw ApiException.invalid("input[" + i + "].id", "two input items have the id '" + item.get("id").asText() + "'");
            items.add(item);
        }
        return items;
    }

    private static ObjectNode item(JsonNode node, String path) {
        if (!node.isObject()) throw ApiException.invalid(path, "'" + path + "' must be an object, got " + JsonFields.kind(node));
        String type = node.hasNonNull("type") ? node.get("type").asText() : "message";
        ObjectNode item = ((ObjectNode) node).deepCopy();
        switch (type) {
            case "message" -> {
                String role = required(node, "role", path);
                if (!INPUT_ROLES.contains(role)) throw ApiException.invalid(path + ".role", "'" + path + ".role' must be one of " + INPUT_ROLES + ", got '" + role + "'");
                item = message(id(node, "msg"), role);
                item.set("content", content(node.get("content"), path + ".content", role));
            }
            case "function_call" -> {
                required(node, "call_id", path);
                required(node, "name", path);
                item.put("arguments", jsonObjectText(required(node, "arguments", path), path + ".arguments"));
                item.put("id", id(node, "fc"));
            }
            case "function_call_output" -> {
                required(node, "call_id", path);
                JsonNode output = node.get("output");
                if (output == null || output.isNull()) throw ApiException.invalid(path + ".output", "'" + path + ".output' is required");
                item.put("output", output.isTextual() ? output.asText() : textParts(output, path + ".output"));
                item.put("id", id(node, "fco"));
            }
            case "mcp_approval_response" -> {
                required(node, "approval_request_id", path);
                if (!node.path("approve").isBoolean()) throw ApiException.invalid(path + ".approve", "'" + path + ".approve' must be a boolean");
                item.put("id", id(node, "mcpa"));
            }
            default -> {
                if (!REPLAYED.contains(type)) {
                    throw ApiException.invalid(path + ".type", "input items of type '" + type + "' are not supported");
                }
                item.put("id", id(node, "item"));
            }
        }
        item.put("type", type);
        return item;
    }

    private static ObjectNode message(String id, String role) {
        ObjectNode item = Items.JSON.createObjectNode();
        item.put("type", "message");
        item.put("id", id);
        item.put("role", role);
        return item;
    }

    /** A message's content as text parts: a string, or input_text / output_text parts (other kinds are refused). */
    private static ArrayNode content(JsonNode v, String path, String role) {
        ArrayNode parts = Items.JSON.createArrayNode();
        String partType = role.equals("assistant") ? "output_text" : "input_text";
        if (v == null || v.isNull()) throw ApiException.invalid(path, "'" + path + "' is required");
        if (v.isTextual()) {
            parts.addObject().put("type", partType).put("text", v.asText());
            return parts;
        }
        if (!v.isArray()) throw ApiException.invalid(path, "'" + path + "' must be a string or an array of parts, got " + JsonFields.kind(v));
        for (int i = 0; i < v.size(); i++) {
            JsonNode part = v.get(i);
            String p = path + "[" + i + "]";
            if (!part.isObject()) throw ApiException.invalid(p, "'" + p + "' must be an object");
            String type = required(part, "type", p);
            if (!type.equals("input_text") && !type.equals("output_text")) {
                throw ApiException.invalid(p + ".type", "content parts of type '" + type + "' are not supported; only input_text and output_text");
            }
            parts.addObject().put("type", type).put("text", required(part, "text", p));
        }
        return parts;
    }

    private static String textParts(JsonNode v, String path) {
        if (!v.isArray()) throw ApiException.invalid(path, "'" + path + "' must be a string or an array of text parts");
        StringBuilder out = new StringBuilder();
        for (JsonNode part : v) {
            if (!part.path("text").isTextual()) throw ApiException.invalid(path, "'" + path + "' parts must carry text");
            out.append(part.get("text").asText());
        }
        return out.toString();
    }

    private static String jsonObjectText(String text, String path) {
        try {
            JsonNode parsed = Items.JSON.readTree(text);
            if (parsed != null && parsed.isObject()) return parsed.toString();
        } catch (Exception ignored) {
            // Reported below.
        }
        throw ApiException.invalid(path, "'" + path + "' must be a JSON object in a string");
    }

    private static String id(JsonNode node, String prefix) {
        return node.hasNonNull("id") && node.get("id").isTextual() ? node.get("id").asText() : Items.id(prefix);
    }

    private static String required(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw ApiException.invalid(path + "." + field, "missing_required_parameter", "'" + path + "." + field + "' is required");
        if (!v.isTextual()) throw ApiException.invalid(path + "." + field, "'" + path + "." + field + "' must be a string, got " + JsonFields.kind(v));
        return v.asText();
    }

    // ---- tools

    private static void tools(JsonNode body, ToolsConfig config, List<ToolSpec> functions, List<McpServerUse> servers) {
        JsonNode array = JsonFields.array(body, "tools");
        if (array == null) return;
        Set<String> names = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String p = "tools[" + i + "]";
            JsonNode tool = array.get(i);
            if (!tool.isObject()) throw ApiException.invalid(p, "'" + p + "' must be an object");
            String type = required(tool, "type", p);
            switch (type) {
                case "function" -> {
                    functions.add(FunctionTools.read(tool, required(tool, "name", p), p, names, true));
                }
                case "mcp" -> servers.add(mcp(tool, p, config, labels));
                default -> throw ApiException.invalid(p + ".type", "tools of type '" + type + "' are not supported; only function and mcp");
            }
        }
    }

    /** The tools as the response repeats (and the store keeps) them: an mcp tool's headers may hold credentials. */
    private static JsonNode withoutHeaders(JsonNode tools) {
        JsonNode copy = tools.deepCopy();
        for (JsonNode tool : copy) {
            if (tool.isObject() && tool.has("headers")) ((ObjectNode) tool).remove("headers");
        }
        return copy;
    }

    private static McpServerUse mcp(JsonNode tool, String p, ToolsConfig config, Set<String> labels) {
        String label = required(tool, "server_label", p);
        if (!FunctionTools.NAME.matcher(label).matches()) throw ApiException.invalid(p + ".server_label", "server labels are 1 to 64 of a-z, A-Z, 0-9, _ and -; got '" + label + "'");
        if (!labels.add(label)) throw ApiException.invalid(p + ".server_label", "two mcp tools are labelled '" + label + "'");
        if (JsonFields.present(tool, "connector_id")) throw ApiException.invalid(p + ".connector_id", "connectors are not supported; give a server_url");
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = tool.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) throw ApiException.invalid(p + ".headers", "'" + p + ".headers' must be an object of strings");
            h.properties().forEach(e -> {
                if (!e.getValue().isTextual()) throw ApiException.invalid(p + ".headers", "header '" + e.getKey() + "' must be a string");
                headers.put(e.getKey(), e.getValue().asText());
            });
        }
        McpServerTarget target;
        boolean fromUrl = JsonFields.present(tool, "server_url");
        if (fromUrl) {
            target = new McpServerTarget.Http(required(tool, "server_url", p), headers);
        } else {
            target = config.servers().get(label);
            if (target == null) {
                throw ApiException.invalid(p + ".server_url", "mcp tool '" + label + "' has no server_url and no server of that label is configured"
                        + (config.servers().isEmpty() ? "" : " (configured: " + String.join(", ", config.servers().keySet()) + ")"));
            }
        }
        Set<String> allowed = null;
        JsonNode a = tool.get("allowed_tools");
        if (a != null && !a.isNull()) allowed = names(a.isObject() ? a.get("tool_names") : a, p + ".allowed_tools");
        return new McpServerUse(label, target, allowed, approval(tool.get("require_approval"), p + ".require_approval"), fromUrl);
    }

    private static ApprovalPolicy approval(JsonNode v, String p) {
        if (v == null || v.isNull()) return ApprovalPolicy.ALWAYS;
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "always" -> ApprovalPolicy.ALWAYS;
                case "never" -> ApprovalPolicy.NEVER;
                default -> throw ApiException.invalid(p, "'" + p + "' must be always, never or an object, got '" + v.asText() + "'");
            };
        }
        if (!v.isObject()) throw ApiException.invalid(p, "'" + p + "' must be always, never or an object");
        Set<String> always = v.hasNonNull("always") ? names(v.get("always").get("tool_names"), p + ".always.tool_names") : Set.of();
        Set<String> never = v.hasNonNull("never") ? names(v.get("never").get("tool_names"), p + ".never.tool_names") : Set.of();
        return new ApprovalPolicy(true, always, never);
    }

    private static Set<String> names(JsonNode v, String p) {
        if (v == null || !v.isArray()) throw ApiException.invalid(p, "'" + p + "' must be an array of tool names");
        Set<String> out = new HashSet<>();
        for (JsonNode n : v) {
            if (!n.isTextual()) throw ApiException.invalid(p, "'" + p + "' must hold strings");
            out.add(n.asText());
        }
        return out;
    }

    private static AgentToolChoice toolChoice(JsonNode body, List<ToolSpec> functions, List<McpServerUse> servers) {
        boolean anyTools = !functions.isEmpty() || !servers.isEmpty();
        if (!JsonFields.present(body, "tool_choice")) return AgentToolChoice.AUTO;
        JsonNode v = body.get("tool_choice");
        AgentToolChoice choice;
        if (v.isTextual()) {
            choice = switch (v.asText()) {
                case "none" -> new AgentToolChoice(ToolChoice.Mode.NONE, null, null);
                case "auto" -> AgentToolChoice.AUTO;
                case "required" -> new AgentToolChoice(ToolChoice.Mode.REQUIRED, null, null);
                default -> throw ApiException.invalid("tool_choice", "'tool_choice' must be none, auto, required or an object, got '" + v.asText() + "'");
            };
        } else if (v.isObject()) {
            String type = required(v, "type", "tool_choice");
            if (type.equals("function")) {
                String name = required(v, "name", "tool_choice");
                if (functions.stream().noneMatch(f -> f.name().equals(name))) {
                    throw ApiException.invalid("tool_choice.name", "'tool_choice' names '" + name + "', which is not among the function tools");
                }
                choice = new AgentToolChoice(ToolChoice.Mode.REQUIRED, null, name);
            } else if (type.equals("mcp")) {
                String label = required(v, "server_label", "tool_choice");
                McpServerUse server = servers.stream().filter(s -> s.serverLabel().equals(label)).findFirst()
                        .orElseThrow(() -> ApiException.invalid("tool_choice.server_label", "'tool_choice' names server '" + label + "', which is not among the mcp tools"));
                // Forcing "any tool of this server" is not expressible with one tool set; the tool must be named.
                String name = required(v, "name", "tool_choice");
                if (!server.allows(name)) {
                    throw ApiException.invalid("tool_choice.name", "'tool_choice' names '" + name + "', which allowed_tools of '" + label + "' excludes");
                }
                choice = new AgentToolChoice(ToolChoice.Mode.REQUIRED, label, name);
            } else {
                throw ApiException.invalid("tool_choice.type", "'tool_choice' of type '" + type + "' is not supported; use function or mcp");
            }
        } else {
            throw ApiException.invalid("tool_choice", "'tool_choice' must be a string or an object, got " + JsonFields.kind(v));
        }
        if (choice.mode() == ToolChoice.Mode.REQUIRED && !anyTools) throw ApiException.invalid("tool_choice", "'tool_choice' is " + v + " but no tools were given");
        return choice;
    }

    private static ConstraintSpec textFormat(JsonNode body, ObjectNode echo) {
        JsonNode text = JsonFields.object(body, "text");
        if (text == null) return null;
        echo.set("text", text);
        JsonNode format = JsonFields.object(text, "format");
        if (format == null) return null;
        String type = required(format, "type", "text.format");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> new ConstraintSpec.JsonObject();
            case "json_schema" -> {
                JsonNode schema = format.get("schema");
                if (schema == null || !(schema.isObject() || schema.isBoolean())) {
                    throw ApiException.invalid("text.format.schema", "'text.format.schema' must be a JSON Schema (an object or a boolean)");
                }
                yield new ConstraintSpec.JsonSchema(schema);
            }
            default -> throw ApiException.invalid("text.format.type", "'text.format.type' must be text, json_object or json_schema, got '" + type + "'");
        };
    }
}
