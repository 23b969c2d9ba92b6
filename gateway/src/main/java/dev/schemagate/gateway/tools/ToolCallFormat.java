package dev.schemagate.gateway.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tool-call format: each call is {@code <tool_call>\n{"name": NAME, "arguments": ARGS}\n</tool_call>}
 * (the Hermes/Qwen convention, also what templates with a tool format of their own use). For a template
 * without one, the tools are described in the system prompt in this format.
 */
public final class ToolCallFormat {
    public static final String OPEN = "<tool_call>";
    public static final String CLOSE = "</tool_call>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CALL = Pattern.compile("<tool_call>\\s*(\\{.*?})\\s*</tool_call>", Pattern.DOTALL);

    private ToolCallFormat() {}

    /** A call parsed out of the model's text; {@code arguments} is the JSON text of the arguments object. */
    public record ParsedCall(String name, String arguments) {}

    /** The text before the first call, and the calls. */
    public record ParsedOutput(String content, List<ParsedCall> calls) {}

    /** The system prompt part that offers the tools to a model whose template has no tool format. */
    public static String systemPrompt(List<ToolSpec> tools) {
        ArrayNode list = JSON.createArrayNode();
        for (ToolSpec tool : tools) list.add(templateTool(tool));
        return "You may call one or more functions to assist with the user query. You are provided with function "
                + "signatures within <tools></tools> XML tags:\n<tools>\n" + list + "\n</tools>\n\nFor each function call, "
                + "return a JSON object with the function name and arguments within <tool_call></tool_call> XML tags:\n"
                + "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";
    }

    /** A tool as chat templates expect it: {@code {"type": "function", "function": {...}}}. */
    public static ObjectNode templateTool(ToolSpec tool) {
        ObjectNode function = JSON.createObjectNode();
        function.put("name", tool.name());
        if (tool.description() != null) function.put("description", tool.description());
        function.set("parameters", tool.parameters());
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.put("type", "function");
        wrapper.set("function", function);
        return wrapper;
    }

    /** A tool's result as the model sees it in a {@code tool} message. */
    public static String toolResponse(String output) {
        return "<tool_response>\n" + (output == null ? "" : output) + "\n</tool_response>";
    }

    /** The assistant text for calls made earlier in the conversation, in the same format. */
    public static String render(List<ParsedCall> calls) {
        StringBuilder out = new StringBuilder();
        for (ParsedCall call : calls) {
            if (!out.isEmpty()) out.append('\n');
            out.append(OPEN).append("\n{\"name\": ").append(quote(call.name())).append(", \"arguments\": ")
                    .append(call.arguments()).append("}\n").append(CLOSE);
        }
        return out.toString();
    }

    /**
     * The grammar of one call (or, with {@code parallel}, one or more calls separated by a newline), each
     * call's arguments constrained by its tool's schema, compactly written.
     *
     * @param opened the first call's {@code <tool_call>} is already written
     */
    public static Grammar grammar(List<ToolSpec> tools, boolean parallel, boolean opened) {
        List<Grammar> parts = new ArrayList<>();
        List<Expr> bodies = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            ToolSpec tool = tools.get(i);
            Grammar arguments = JsonSchemaCompiler.compile(tool.parameters(), JsonSchemaOptions.COMPACT.withClosedObjects()).withRulePrefix("t" + i + "_");
            parts.add(arguments);
            bodies.add(Expr.seq(Expr.lit("\n{\"name\": " + quote(tool.name()) + ", \"arguments\": "), new Expr.Ref(arguments.start()),
                    Expr.lit("}\n" + CLOSE)));
        }
        Expr body = bodies.size() == 1 ? bodies.getFirst() : new Expr.Alt(bodies);
        Expr call = Expr.seq(Expr.lit(OPEN), body);
        Expr first = opened ? body : call;
        Expr root = parallel ? Expr.seq(first, new Expr.Repeat(Expr.seq(Expr.lit("\n"), call), 0, Expr.UNBOUNDED)) : first;
        return Grammar.embed("tool_calls", root, parts);
    }

    /** Splits a model's output into text and the calls it made, in order. */
    public static ParsedOutput parse(String text) {
        Matcher m = CALL.matcher(text);
        List<ParsedCall> calls = new ArrayList<>();
        int firstCall = -1;
        while (m.find()) {
            JsonNode call;
            try {
                call = JSON.readTree(m.group(1));
            } catch (JsonProcessingException e) {
                continue;
            }
            if (!call.path("name").isTextual() || !call.path("arguments").isObject()) continue;
            if (firstCall < 0) firstCall = m.start();
            calls.add(new ParsedCall(call.get("name").asText(), call.get("arguments").toString()));
        }
        String content = firstCall < 0 ? text : text.substring(0, firstCall).strip();
        return new ParsedOutput(content, calls);
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
