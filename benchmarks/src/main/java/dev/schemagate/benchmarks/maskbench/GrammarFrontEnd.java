package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.schemas.JsonSchemaOptions;

/** Grammar text (a JSON text node) in one of the {@link GrammarSyntax}es to a compiled constraint. */
public record GrammarFrontEnd(MaskEngine engine, GrammarSyntax syntax, JsonSchemaOptions options) implements ConstraintFrontEnd {
    @Override
    public CompiledConstraint compile(JsonNode grammarText) {
        return engine.compile(syntax.compile(grammarText.asText(), options));
    }
}
