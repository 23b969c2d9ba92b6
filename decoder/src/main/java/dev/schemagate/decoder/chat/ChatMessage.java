package dev.schemagate.decoder.chat;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a conversation as chat templates see it: {@code role}, {@code content} and, for an assistant
 * message that calls tools, {@code tool_calls} (each usually {@code {"type": "function", "function": {"name": ...,
 * "arguments": {...}}}}).
 *
 * @param content the text; null for an assistant message that only calls tools
 */
public record ChatMessage(String role, String content, List<Map<String, Object>> toolCalls) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        toolCalls = List.copyOf(toolCalls);
    }

    public ChatMessage(String role, String content) {
        this(role, content, List.of());
    }
}
