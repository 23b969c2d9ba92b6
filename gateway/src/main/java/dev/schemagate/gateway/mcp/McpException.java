package dev.schemagate.gateway.mcp;

/** An MCP server could not be reached, started, initialized or listed; the message names the server and the cause. */
public final class McpException extends RuntimeException {
    public McpException(String message) {
        super(message);
    }

    public McpException(String message, Throwable cause) {
        super(message, cause);
    }
}
