package dev.schemagate.gateway.service;

import dev.schemagate.decoder.generate.TokenConstraint;
import dev.schemagate.gateway.api.GenerationJob;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import java.util.function.Supplier;

/**
 * A request ready for the scheduler: its prompt tokens, budget, and a fresh constraint per choice.
 *
 * @param validateAs  what a finished output is checked against, or null (free text)
 * @param constraints makes one constraint per choice, or null for free text
 */
public record PreparedJob(GenerationJob job, int[] prompt, int maxTokens, ConstraintSpec validateAs,
                          Supplier<TokenConstraint> constraints) {
}
