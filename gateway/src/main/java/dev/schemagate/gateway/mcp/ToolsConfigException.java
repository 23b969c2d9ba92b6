package dev.schemagate.gateway.mcp;

/** A tools config that cannot be used; the message names the file (when there is one) and the JSON path. */
public final class ToolsConfigException extends RuntimeException {
    public ToolsConfigException(String message) {
        super(message);
    }
}
