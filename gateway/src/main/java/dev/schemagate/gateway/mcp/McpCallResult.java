package dev.schemagate.gateway.mcp;

/**
 * What one tool call gave back.
 *
 * @param output the tool's text content (text parts joined with a newline, other parts as short JSON); null on error
 * @param error  null on success; otherwise what went wrong: the tool reported an error, the call failed or timed
 *               out, or the server died
 */
public record McpCallResult(String output, String error) {
    public static McpCallResult success(String output) {
        return new McpCallResult(output, null);
    }

    public static McpCallResult failure(String error) {
        return new McpCallResult(null, error);
    }

    public boolean failed() {
        return error != null;
    }
}
