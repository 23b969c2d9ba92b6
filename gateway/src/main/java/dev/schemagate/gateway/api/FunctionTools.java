package dev.schemagate.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.gateway.tools.ToolSpec;
import java.util.Set;
import java.util.regex.Pattern;

/** A function tool's fields, read alike from chat completions ({@code tools[i].function}) and responses ({@code tools[i]}). */
final class FunctionTools {
    /** Tool names and MCP server labels: what OpenAI accepts. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionTools() {}

    /**
     * @param fields the object holding description, parameters and strict
     * @param path   its place in the request, for errors ({@code tools[0].function})
     * @param names  the names taken so far; this one is added
     */
    static ToolSpec read(JsonNode fields, String name, String path, Set<String> names, boolean strictByDefault) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.invalid(path + ".name", "tool names are 1 to 64 of a-z, A-Z, 0-9, _ and -; got '" + name + "'");
        }
        if (!names.add(name)) throw ApiException.invalid(path + ".name", "two tools are named '" + name + "'");
        JsonNode parameters = fields.get("parameters");
        if (parameters == null || parameters.isNull()) parameters = JSON.createObjectNode().put("type", "object");
        else if (!parameters.isObject()) throw ApiException.invalid(path + ".parameters", "'" + path + ".parameters' must be a JSON Schema object");
        return new ToolSpec(name, JsonFields.string(fields, "description", null), parameters, JsonFields.bool(fields, "strict", strictByDefault));
    }
}
