package dev.schemagate.gateway.agent;

import dev.schemagate.gateway.mcp.McpServerTarget;
import java.util.Set;

/**
 * One {@code mcp} tool of a request: the server, which of its tools may be offered, and which calls wait for the
 * user's approval.
 *
 * @param allowedTools null: every tool the server lists
 * @param fromUrl      the request named the server by {@code server_url} (checked against the allow-list before use)
 */
public record McpServerUse(String serverLabel, McpServerTarget target, Set<String> allowedTools, ApprovalPolicy approval, boolean fromUrl) {
    public McpServerUse {
        allowedTools = allowedTools == null ? null : Set.copyOf(allowedTools);
    }

    public boolean allows(String tool) {
        return allowedTools == null || allowedTools.contains(tool);
    }
}
