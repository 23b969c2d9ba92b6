package dev.schemagate.gateway.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.decoder.chat.ChatMessage;
import dev.schemagate.gateway.tools.ToolCallFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Items (stored history, this request's input, this run's output) as the chat messages the model sees. An
 * assistant message and the calls right after it become one assistant turn with the calls in the tool-call
 * format, as the model wrote them, so each turn's prompt extends the previous one and the prefix cache holds.
 */
final class Conversation {
    private Conversation() {}

    static List<ChatMessage> messages(String instructions, List<? extends JsonNode> items) {
        List<ChatMessage> out = new ArrayList<>();
        if (instructions != null && !instructions.isEmpty()) out.add(new ChatMessage("system", instructions));
        String pendingText = null;
        List<ToolCallFormat.ParsedCall> pendingCalls = new ArrayList<>();
        List<String> pendingResults = new ArrayList<>();
        for (JsonNode item : items) {
            String type = Items.type(item);
            switch (type) {
                case "function_call", "mcp_call" -> {
                    if (!pendingResults.isEmpty()) {
                        flush(out, pendingText, pendingCalls, pendingResults);
                        pendingText = null;
                    }
                    pendingCalls.add(new ToolCallFormat.ParsedCall(item.path("name").asText(), item.path("arguments").asText("{}")));
                    if (type.equals("mcp_call")) pendingResults.add(mcpResult(item));
                }
                case "function_call_output" -> pendingResults.add(item.path("output").asText(""));
                case "message" -> {
                    flush(out, pendingText, pendingCalls, pendingResults);
                    pendingText = null;
                    String role = item.path("role").asText("user");
                    String text = text(item.get("content"));
                    if (role.equals("assistant")) pendingText = text;
                    else out.add(new ChatMessage(role.equals("developer") ? "system" : role, text));
                }
                default -> { }
            }
        }
        flush(out, pendingText, pendingCalls, pendingResults);
        return out;
    }

    private static void flush(List<ChatMessage> out, String text, List<ToolCallFormat.ParsedCall> calls, List<String> results) {
        if (text == null && calls.isEmpty() && results.isEmpty()) return;
        if (text != null || !calls.isEmpty()) {
            String rendered = ToolCallFormat.render(calls);
            String content = text == null || text.isEmpty() ? rendered : rendered.isEmpty() ? text : text + "\n" + rendered;
            out.add(new ChatMessage("assistant", content));
        }
        for (String result : results) out.add(new ChatMessage("tool", ToolCallFormat.toolResponse(result)));
        calls.clear();
        results.clear();
    }

    private static String mcpResult(JsonNode item) {
        String error = Items.errorText(item.get("error"));
        if (error != null) return "error: " + error;
        return item.path("output").asText("");
    }

    /** A message's text: a string, or its text parts joined. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) out.append(part.path("text").asText(""));
        return out.toString();
    }

    /** The last user message's text (what routing decides on). */
    static String lastUserText(List<? extends JsonNode> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            JsonNode item = items.get(i);
            if (Items.type(item).equals("message") && item.path("role").asText().equals("user")) return text(item.get("content"));
        }
        return "";
    }

    static ObjectNode userMessage(String id, String text) {
        ObjectNode item = Items.JSON.createObjectNode();
        item.put("type", "message");
        item.put("id", id);
        item.put("role", "user");
        item.putArray("content").addObject().put("type", "input_text").put("text", text);
        return item;
    }
}
