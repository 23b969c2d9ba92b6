package dev.schemagate.gateway.engine;

import java.util.List;

/**
 * A generated token, or (token -1, no bytes) the text held back for stop strings, released at the end.
 *
 * @param logprob      log-probability of the token under the model (before any mask); NaN when not asked
 * @param alternatives the most likely tokens at this step with their log-probabilities; empty when not asked
 */
public record GeneratedToken(int token, byte[] bytes, String textDelta, float logprob, List<Alternative> alternatives) {
    public record Alternative(int token, byte[] bytes, float logprob) {}
}
