package dev.schemagate.gateway.engine;

/**
 * How a sequence ended.
 *
 * @param text           the generated text (stop strings cut off)
 * @param accepted       with a constraint: the output is complete under it; true without one
 * @param cachedTokens   prompt tokens whose keys and values came from the prefix cache
 * @param queuedNanos    from submit to the first forward pass that included it
 * @param firstTokenNanos from submit to the first generated token (0 if none)
 * @param totalNanos     from submit to the end
 */
public record SequenceOutcome(SequenceEnd end, String text, int promptTokens, int completionTokens, int cachedTokens,
                              boolean accepted, String error, long queuedNanos, long firstTokenNanos, long totalNanos) {
}
