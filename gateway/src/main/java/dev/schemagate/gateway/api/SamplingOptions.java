package dev.schemagate.gateway.api;

import java.util.List;

/**
 * The sampling fields of a request.
 *
 * @param seed        null: a fresh random seed per choice
 * @param maxTokens   null: whatever the context leaves after the prompt
 * @param topLogprobs -1 when log-probabilities are not asked for
 */
public record SamplingOptions(double temperature, double topP, int topK, double minP, Long seed, Integer maxTokens,
                              List<String> stop, int n, int topLogprobs) {
}
