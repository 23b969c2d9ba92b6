package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.fsm.CompiledConstraint;

/**
 * How a MaskBench file's constraint becomes a compiled constraint. Kept apart from the per-file loop so other
 * constraint kinds (regex, grammar text) can be measured by the same runner.
 */
@FunctionalInterface
public interface ConstraintFrontEnd {
    /** @throws dev.schemagate.grammar.GrammarException when the constraint is not supported */
    CompiledConstraint compile(JsonNode constraint);
}
