package dev.schemagate.gateway.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import dev.schemagate.gateway.tools.ToolSpec;
import java.util.List;

/**
 * A validated {@code POST /v1/responses}.
 *
 * @param input           this request's input items, each with an {@code id}
 * @param maxToolCalls    null: no limit but the round limit
 * @param maxOutputTokens null: what the context leaves, per turn; otherwise a budget over all turns
 * @param textFormat      the final answer's constraint ({@code text.format}), or null for free text
 * @param truncateAuto    {@code truncation: "auto"}: drop the oldest stored items when the conversation outgrows the context
 * @param echo            the request fields a response object repeats (tools, tool_choice, text, metadata, ...)
 */
public record AgentRequest(String model, List<ObjectNode> input, String instructions, List<ToolSpec> functions,
                           List<McpServerUse> mcpServers, AgentToolChoice toolChoice, boolean parallelToolCalls, Integer maxToolCalls,
                           Integer maxOutputTokens, ConstraintSpec textFormat, double temperature, double topP, Long seed, boolean stream,
                           boolean store, String previousResponseId, boolean truncateAuto, ObjectNode echo) {
    public AgentRequest {
        input = List.copyOf(input);
        functions = List.copyOf(functions);
        mcpServers = List.copyOf(mcpServers);
    }
}
