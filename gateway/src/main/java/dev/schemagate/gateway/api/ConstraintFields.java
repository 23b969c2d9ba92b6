package dev.schemagate.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output constraint of a request, from whichever spelling the client used: OpenAI's {@code response_format},
 * vLLM's {@code structured_outputs} and older {@code guided_*}, llama-server's {@code json_schema} and
 * {@code grammar}. Two of them at once is a conflict, refused rather than guessed.
 */
public final class ConstraintFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConstraintFields() {}

    /** A constraint and the request field it came from (named in errors about it). */
    public record Requested(String param, ConstraintSpec spec) {}

    /** The constraint, or null for free text. */
    public static Requested parse(JsonNode body) {
        Map<String, ConstraintSpec> found = new LinkedHashMap<>();
        JsonNode format = JsonFields.object(body, "response_format");
        if (format != null) {
            String type = JsonFields.requiredString(format, "type");
            switch (type) {
                case "text" -> { }
                case "json_object" -> found.put("response_format", new ConstraintSpec.JsonObject());
                case "json_schema" -> {
                    JsonNode spec = JsonFields.object(format, "json_schema");
                    if (spec == null) throw ApiException.invalid("response_format.json_schema", "'response_format.json_schema' is required when type is json_schema");
                    JsonFields.string(spec, "name", null);
                    JsonFields.bool(spec, "strict", false);
                    JsonNode schema = spec.get("schema");
                    if (schema == null || schema.isNull()) {
                        throw ApiException.invalid("response_format.json_schema.schema", "'response_format.json_schema.schema' is required");
                    }
                    found.put("response_format", new ConstraintSpec.JsonSchema(schemaNode(schema, "response_format.json_schema.schema")));
                }
                default -> throw ApiException.invalid("response_format.type", "'response_format.type' must be text, json_object or json_schema, got '" + type + "'");
            }
        }
        JsonNode structured = JsonFields.object(body, "structured_outputs");
        if (structured != null) {
            addGuided(found, structured, "json", "regex", "choice", "grammar", "structured_outputs.");
        }
        addGuided(found, body, "guided_json", "guided_regex", "guided_choice", "guided_grammar", "");
        if (JsonFields.present(body, "json_schema")) found.put("json_schema", new ConstraintSpec.JsonSchema(schemaNode(body.get("json_schema"), "json_schema")));
        if (JsonFields.present(body, "grammar")) found.put("grammar", new ConstraintSpec.GrammarText("gbnf", JsonFields.string(body, "grammar", null)));
        if (found.size() > 1) {
            throw ApiException.invalid(new ArrayList<>(found.keySet()).get(1), "conflicting_constraints",
                    "conflicting constraints: " + String.join(" and ", found.keySet()) + " were both given; send one");
        }
        if (found.isEmpty()) return null;
        Map.Entry<String, ConstraintSpec> only = found.entrySet().iterator().next();
        return new Requested(only.getKey(), only.getValue());
    }

    private static void addGuided(Map<String, ConstraintSpec> found, JsonNode node, String json, String regex, String choice,
                                  String grammar, String prefix) {
        if (JsonFields.present(node, json)) found.put(prefix + json, new ConstraintSpec.JsonSchema(schemaNode(node.get(json), prefix + json)));
        if (JsonFields.present(node, regex)) {
            String pattern = JsonFields.string(node, regex, null);
            found.put(prefix + regex, new ConstraintSpec.Regex(pattern));
        }
        if (JsonFields.present(node, choice)) {
            List<String> options = JsonFields.strings(node, choice, 10_000);
            if (options.isEmpty()) throw ApiException.invalid(prefix + choice, "'" + prefix + choice + "' must hold at least one string");
            found.put(prefix + choice, new ConstraintSpec.Choice(options));
        }
        if (JsonFields.present(node, grammar)) {
            String text = JsonFields.string(node, grammar, null);
            found.put(prefix + grammar, new ConstraintSpec.GrammarText(text.contains("::=") ? "gbnf" : "lark", text));
        }
    }

    /** A schema given as an object, a boolean, or JSON text (vLLM accepts all three). */
    private static JsonNode schemaNode(JsonNode v, String param) {
        if (v.isObject() || v.isBoolean()) return v;
        if (v.isTextual()) {
            try {
                JsonNode parsed = JSON.readTree(v.asText());
                if (parsed != null && (parsed.isObject() || parsed.isBoolean())) return parsed;
            } catch (JsonProcessingException e) {
                throw ApiException.invalid(param, "'" + param + "' is not valid JSON: " + e.getOriginalMessage());
            }
        }
        throw ApiException.invalid(param, "'" + param + "' must be a JSON Schema (an object or a boolean), got " + JsonFields.kind(v));
    }
}
