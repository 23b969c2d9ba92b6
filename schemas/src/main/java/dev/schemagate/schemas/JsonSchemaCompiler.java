package dev.schemagate.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.schemas.document.Conj;
import dev.schemagate.schemas.document.SchemaDocument;
import dev.schemagate.schemas.emit.GrammarEmitter;
import dev.schemagate.schemas.shape.ShapeResolver;

/** JSON Schema (draft 4 to 2020-12) to grammar IR. */
public final class JsonSchemaCompiler {
    private JsonSchemaCompiler() {}

    /** @throws SchemaCompileException naming the keyword and pointer of anything we cannot enforce exactly */
    public static Grammar compile(JsonNode schema, JsonSchemaOptions options) {
        try {
            SchemaDocument doc = new SchemaDocument(schema);
            return new GrammarEmitter(new ShapeResolver(doc, options.closedObjects()), options).emit(Conj.of(doc.root()));
        } catch (StackOverflowError e) {
            throw new SchemaCompileException("schema", "", "schema nested too deeply");
        }
    }
}
