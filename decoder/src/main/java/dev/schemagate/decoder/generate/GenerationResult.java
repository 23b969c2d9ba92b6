package dev.schemagate.decoder.generate;

/**
 * @param tokens          generated token ids (an ending end-of-sequence token excluded)
 * @param accepted        with a constraint: whether the output is complete under it; true without one
 * @param prefillNanos    time spent on the prompt
 * @param decodeNanos     time spent from the first generated token to the end
 */
public record GenerationResult(int[] tokens, String text, FinishReason finishReason, boolean accepted,
                               int promptTokens, long prefillNanos, long decodeNanos) {
}
