package dev.schemagate.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.grammar.Grammar;

/** JSON Schema (draft 4 to 2020-12) to grammar IR. */
public final class JsonSchemaCompiler {
    private JsonSchemaCompiler() {}

    /** @throws SchemaCompileException naming the keyword and pointer of anything we cannot enforce exactly */
    public static Grammar compile(JsonNode schema, JsonSchemaOptions options) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
