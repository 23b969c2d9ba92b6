package dev.schemagate.gateway.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema.AudioContent;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.ResourceLink;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool result as text for the model: text parts as they are, everything else as a short JSON line that says
 * what it was without its bytes (a model cannot read base64 images, and they would flood the context).
 */
final class ToolOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolOutput() {}

    static McpCallResult of(String tool, CallToolResult result) {
        String text = render(result);
        if (!Boolean.TRUE.equals(result.isError())) return McpCallResult.success(text);
        return McpCallResult.failure(text.isBlank() ? "tool '" + tool + "' reported an error" : text);
    }

    private static String render(CallToolResult result) {
        List<Content> content = result.content() == null ? List.of() : result.content();
        if (content.isEmpty() && result.structuredContent() != null) {
            return JSON.valueToTree(result.structuredContent()).toString();
        }
        List<String> parts = new ArrayList<>();
        for (Content part : content) parts.add(render(part));
        return String.join("\n", parts);
    }

    private static String render(Content part) {
        ObjectNode node = JSON.createObjectNode();
        switch (part) {
            case TextContent text -> {
                return text.text();
            }
            case ImageContent image -> node.put("type", "image").put("mimeType", image.mimeType()).put("bytes", base64Bytes(image.data()));
            case AudioContent audio -> node.put("type", "audio").put("mimeType", audio.mimeType()).put("bytes", base64Bytes(audio.data()));
            case EmbeddedResource embedded -> {
                node.put("type", "resource").put("uri", embedded.resource().uri()).put("mimeType", embedded.resource().mimeType());
                switch (embedded.resource()) {
                    case TextResourceContents text -> node.put("text", text.text());
                    case BlobResourceContents blob -> node.put("bytes", base64Bytes(blob.blob()));
                    default -> { }
                }
            }
            case ResourceLink link -> {
                node.put("type", "resource_link").put("uri", link.uri()).put("name", link.name());
                if (link.mimeType() != null) node.put("mimeType", link.mimeType());
                if (link.description() != null) node.put("description", link.description());
            }
            default -> node.put("type", part.type());
        }
        return node.toString();
    }

    /** The decoded size of base64 text, without decoding it. */
    private static long base64Bytes(String data) {
        if (data == null) return 0;
        String trimmed = data.strip();
        int padding = trimmed.endsWith("==") ? 2 : trimmed.endsWith("=") ? 1 : 0;
        return Math.max(0, trimmed.length() / 4L * 3 - padding);
    }
}
