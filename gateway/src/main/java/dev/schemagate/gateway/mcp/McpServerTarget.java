package dev.schemagate.gateway.mcp;

import java.util.List;
import java.util.Map;

/** Where an MCP server is: a Streamable HTTP endpoint, or a command whose stdin/stdout speak MCP. */
public sealed interface McpServerTarget {
    /** How messages and tools name the server: the stdio label, or the HTTP url. */
    String label();

    /** @param headers sent with every request (e.g. {@code Authorization}) */
    record Http(String url, Map<String, String> headers) implements McpServerTarget {
        public Http {
            headers = Map.copyOf(headers);
        }

        @Override
        public String label() {
            return url;
        }
    }

    /** @param env added to the gateway's own environment for the server process */
    record Stdio(String label, List<String> command, Map<String, String> env) implements McpServerTarget {
        public Stdio {
            if (command.isEmpty()) throw new IllegalArgumentException("stdio MCP server '" + label + "' has an empty command");
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }
    }
}
