package dev.schemagate.gateway.agent;

import dev.schemagate.gateway.api.ToolChoice;

/**
 * A response's {@code tool_choice}: none, auto, required, a function by name, or an MCP server's tool. It holds for
 * every model turn of the response, so a forced tool is called until a guard ends the run.
 *
 * @param serverLabel the MCP server of a forced tool, or null (a function tool, or any tool)
 * @param name        the forced tool's name, or null
 */
public record AgentToolChoice(ToolChoice.Mode mode, String serverLabel, String name) {
    public static final AgentToolChoice AUTO = new AgentToolChoice(ToolChoice.Mode.AUTO, null, null);
}
