package dev.schemagate.schemas.lark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.lark.JsonTerminalCompiler;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.instance.PythonJson;

/** Lark's {@code %json { schema }} items compiled by the JSON Schema compiler, with the given layout options. */
public record JsonSchemaTerminals(JsonSchemaOptions options) implements JsonTerminalCompiler {
    @Override
    public Grammar compile(String schemaJson) {
        JsonNode schema;
        try {
            schema = PythonJson.MAPPER.readTree(schemaJson);
        } catch (JsonProcessingException e) {
            throw new GrammarException("the schema is not valid JSON: " + e.getOriginalMessage());
        }
        return JsonSchemaCompiler.compile(schema, options);
    }
}
