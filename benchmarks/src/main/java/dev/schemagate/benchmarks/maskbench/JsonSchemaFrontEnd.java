package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;

/** JSON Schema node to grammar IR to compiled constraint: what TTFM measures for MaskBench. */
public record JsonSchemaFrontEnd(MaskEngine engine, JsonSchemaOptions options) implements ConstraintFrontEnd {
    @Override
    public CompiledConstraint compile(JsonNode schema) {
        return engine.compile(JsonSchemaCompiler.compile(schema, options));
    }
}
