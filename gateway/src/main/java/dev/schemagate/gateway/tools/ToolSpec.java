package dev.schemagate.gateway.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function the model may call.
 *
 * @param parameters the JSON Schema of the arguments object
 */
public record ToolSpec(String name, String description, JsonNode parameters, boolean strict) {
}
