package dev.schemagate.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool an MCP server lists. Tools of a stdio target carry its label; tools of an HTTP target carry its url
 * until the caller names the server with {@link #withServerLabel}.
 *
 * @param inputSchema the tool's JSON Schema for its arguments (an object schema)
 */
public record McpTool(String serverLabel, String name, String description, JsonNode inputSchema) {
    public McpTool withServerLabel(String label) {
        return new McpTool(label, name, description, inputSchema);
    }
}
