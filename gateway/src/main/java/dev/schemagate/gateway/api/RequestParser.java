package dev.schemagate.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.decoder.chat.ChatMessage;
import dev.schemagate.gateway.tools.ToolCallFormat;
import dev.schemagate.gateway.tools.ToolSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and checks the body of {@code /v1/chat/completions} and {@code /v1/completions}. */
public final class RequestParser {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** More parallel choices than this would crowd out other clients; clients may send several requests. */
    public static final int MAX_N = 8;

    private RequestParser() {}

    public static GenerationJob chat(JsonNode body) {
        requireObject(body);
        String model = JsonFields.requiredString(body, "model");
        JsonNode messagesNode = JsonFields.array(body, "messages");
        if (messagesNode == null) throw ApiException.invalid("messages", "missing_required_parameter", "'messages' is required");
        if (messagesNode.isEmpty()) throw ApiException.invalid("messages", "'messages' must hold at least one message");
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < messagesNode.size(); i++) messages.add(message(messagesNode.get(i), "messages[" + i + "]"));
        List<ToolSpec> tools = tools(body);
        ToolChoice choice = toolChoice(body, tools);
        boolean parallel = JsonFields.bool(body, "parallel_tool_calls", true);
        SamplingOptions sampling = sampling(body, true);
        ConstraintFields.Requested constraint = ConstraintFields.parse(body);
        return new GenerationJob(model, messages, null, spec(constraint), param(constraint), tools, choice, parallel, sampling,
                JsonFields.bool(body, "stream", false), includeUsage(body));
    }

    public static GenerationJob completion(JsonNode body) {
        requireObject(body);
        String model = JsonFields.requiredString(body, "model");
        if (!JsonFields.present(body, "prompt")) throw ApiException.invalid("prompt", "missing_required_parameter", "'prompt' is required");
        JsonNode p = body.get("prompt");
        String prompt;
        if (p.isTextual()) prompt = p.asText();
        else if (p.isArray() && p.size() == 1 && p.get(0).isTextual()) prompt = p.get(0).asText();
        else throw ApiException.invalid("prompt", "'prompt' must be a string (or an array of one string)");
        if (prompt.isEmpty()) throw ApiException.invalid("prompt", "'prompt' must not be empty");
        if (JsonFields.bool(body, "echo", false)) throw ApiException.invalid("echo", "'echo' is not supported");
        if (JsonFields.present(body, "suffix")) throw ApiException.invalid("suffix", "'suffix' is not supported");
        if (JsonFields.integer(body, "best_of", 1, 1, 1) != 1) throw ApiException.invalid("best_of", "'best_of' must be 1");
        SamplingOptions sampling = sampling(body, false);
        ConstraintFields.Requested constraint = ConstraintFields.parse(body);
        return new GenerationJob(model, null, prompt, spec(constraint), param(constraint), List.of(), ToolChoice.NONE, false, sampling,
                JsonFields.bool(body, "stream", false), includeUsage(body));
    }

    private static dev.schemagate.gateway.constraint.ConstraintSpec spec(ConstraintFields.Requested r) {
        return r == null ? null : r.spec();
    }

    private static String param(ConstraintFields.Requested r) {
        return r == null ? null : r.param();
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) throw ApiException.invalid(null, "the request body must be a JSON object");
    }

    private static boolean includeUsage(JsonNode body) {
        JsonNode options = JsonFields.object(body, "stream_options");
        return options != null && JsonFields.bool(options, "include_usage", false);
    }

    private static SamplingOptions sampling(JsonNode body, boolean chat) {
        double temperature = JsonFields.number(body, "temperature", 1.0, 0, 2);
        double topP = JsonFields.number(body, "top_p", 1.0, 0, 1);
        if (topP == 0) topP = Double.MIN_VALUE;
        int topK = (int) JsonFields.integer(body, "top_k", 0, -1, 1_000_000);
        double minP = JsonFields.number(body, "min_p", 0, 0, 1);
        Long seed = JsonFields.present(body, "seed") ? JsonFields.integer(body, "seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
        Integer maxTokens = null;
        for (String field : List.of("max_completion_tokens", "max_tokens")) {
            if (JsonFields.present(body, field)) {
                maxTokens = (int) JsonFields.integer(body, field, 0, 1, Integer.MAX_VALUE);
                break;
            }
        }
        List<String> stop = JsonFields.strings(body, "stop", 4);
        for (String s : stop) if (s.isEmpty()) throw ApiException.invalid("stop", "'stop' strings must not be empty");
        int n = (int) JsonFields.integer(body, "n", 1, 1, MAX_N);
        int topLogprobs = -1;
        if (chat) {
            boolean logprobs = JsonFields.bool(body, "logprobs", false);
            int top = (int) JsonFields.integer(body, "top_logprobs", 0, 0, 20);
            if (JsonFields.present(body, "top_logprobs") && !logprobs) {
                throw ApiException.invalid("top_logprobs", "'top_logprobs' needs 'logprobs': true");
            }
            if (logprobs) topLogprobs = top;
        } else if (JsonFields.present(body, "logprobs")) {
            topLogprobs = (int) JsonFields.integer(body, "logprobs", 0, 0, 5);
        }
        return new SamplingOptions(temperature, topP, Math.max(0, topK), minP, seed, maxTokens, stop, n, topLogprobs);
    }

    private static ChatMessage message(JsonNode node, String path) {
        if (!node.isObject()) throw ApiException.invalid(path, "'" + path + "' must be an object, got " + JsonFields.kind(node));
        String role = JsonFields.string(node, "role", null);
        if (role == null) throw ApiException.invalid(path + ".role", "'" + path + ".role' is required");
        if (!ROLES.contains(role)) throw ApiException.invalid(path + ".role", "'" + path + ".role' must be one of " + ROLES + ", got '" + role + "'");
        String content = content(node.get("content"), path + ".content");
        List<ToolCallFormat.ParsedCall> calls = new ArrayList<>();
        JsonNode toolCalls = JsonFields.array(node, "tool_calls");
        if (toolCalls != null) {
            if (!role.equals("assistant")) throw ApiException.invalid(path + ".tool_calls", "only assistant messages carry 'tool_calls'");
            for (int i = 0; i < toolCalls.size(); i++) {
                String p = path + ".tool_calls[" + i + "]";
                JsonNode call = toolCalls.get(i);
                if (!call.isObject()) throw ApiException.invalid(p, "'" + p + "' must be an object");
                JsonNode function = JsonFields.object(call, "function");
                if (function == null) throw ApiException.invalid(p + ".function", "'" + p + ".function' is required");
                String name = JsonFields.requiredString(function, "name");
                String arguments = JsonFields.string(function, "arguments", "{}");
                try {
                    JsonNode parsed = JSON.readTree(arguments);
                    if (parsed == null || !parsed.isObject()) throw new IllegalArgumentException();
                    arguments = parsed.toString();
                } catch (Exception e) {
                    throw ApiException.invalid(p + ".function.arguments", "'" + p + ".function.arguments' must be a JSON object in a string");
                }
                calls.add(new ToolCallFormat.ParsedCall(name, arguments));
            }
        }
        if (content == null && calls.isEmpty() && !role.equals("assistant")) {
            throw ApiException.invalid(path + ".content", "'" + path + ".content' is required");
        }
        if (role.equals("developer")) role = "system";
        if (role.equals("tool")) content = ToolCallFormat.toolResponse(content);
        if (!calls.isEmpty()) {
            String rendered = ToolCallFormat.render(calls);
            content = content == null || content.isEmpty() ? rendered : content + "\n" + rendered;
        }
        return new ChatMessage(role, content == null ? "" : content);
    }

    /** A string, or an array of text parts joined; other part types are refused. */
    private static String content(JsonNode v, String path) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        if (!v.isArray()) throw ApiException.invalid(path, "'" + path + "' must be a string or an array of parts, got " + JsonFields.kind(v));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < v.size(); i++) {
            JsonNode part = v.get(i);
            String p = path + "[" + i + "]";
            if (!part.isObject()) throw ApiException.invalid(p, "'" + p + "' must be an object");
            String type = JsonFields.requiredString(part, "type");
            if (!type.equals("text")) throw ApiException.invalid(p + ".type", "content parts of type '" + type + "' are not supported; only text");
            text.append(JsonFields.requiredString(part, "text"));
        }
        return text.toString();
    }

    private static List<ToolSpec> tools(JsonNode body) {
        JsonNode array = JsonFields.array(body, "tools");
        if (array == null) return List.of();
        List<ToolSpec> tools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String p = "tools[" + i + "]";
            JsonNode tool = array.get(i);
            if (!tool.isObject()) throw ApiException.invalid(p, "'" + p + "' must be an object");
            String type = JsonFields.string(tool, "type", "function");
            if (!type.equals("function")) throw ApiException.invalid(p + ".type", "tools of type '" + type + "' are not supported here; only function");
            JsonNode function = JsonFields.object(tool, "function");
            if (function == null) throw ApiException.invalid(p + ".function", "'" + p + ".function' is required");
            tools.add(FunctionTools.read(function, JsonFields.requiredString(function, "name"), p + ".function", names, false));
        }
        return tools;
    }

    private static ToolChoice toolChoice(JsonNode body, List<ToolSpec> tools) {
        if (!JsonFields.present(body, "tool_choice")) return tools.isEmpty() ? ToolChoice.NONE : ToolChoice.AUTO;
        JsonNode v = body.get("tool_choice");
        ToolChoice choice;
        if (v.isTextual()) {
            choice = switch (v.asText()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> new ToolChoice(ToolChoice.Mode.REQUIRED, null);
                default -> throw ApiException.invalid("tool_choice", "'tool_choice' must be none, auto, required or a function, got '" + v.asText() + "'");
            };
        } else if (v.isObject()) {
            JsonNode function = JsonFields.object(v, "function");
            if (function == null) throw ApiException.invalid("tool_choice.function", "'tool_choice.function' is required");
            String name = JsonFields.requiredString(function, "name");
            if (tools.stream().noneMatch(t -> t.name().equals(name))) {
                throw ApiException.invalid("tool_choice.function.name", "'tool_choice' names '" + name + "', which is not among the tools");
            }
            choice = new ToolChoice(ToolChoice.Mode.REQUIRED, name);
        } else {
            throw ApiException.invalid("tool_choice", "'tool_choice' must be a string or an object, got " + JsonFields.kind(v));
        }
        if (choice.mode() != ToolChoice.Mode.NONE && tools.isEmpty()) {
            throw ApiException.invalid("tool_choice", "'tool_choice' is " + v + " but no tools were given");
        }
        return choice;
    }
}
