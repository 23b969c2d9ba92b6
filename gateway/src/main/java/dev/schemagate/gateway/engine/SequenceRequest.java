package dev.schemagate.gateway.engine;

import dev.schemagate.decoder.generate.TokenConstraint;
import dev.schemagate.decoder.sampling.SamplingParams;
import java.util.List;

/**
 * One sequence to generate: a tokenized prompt, its budget and sampling, an optional constraint (a fresh
 * one per sequence, never shared) and where its tokens go.
 *
 * @param topLogprobs   -1: no log-probabilities; 0..20: the chosen token's, with that many alternatives
 * @param deadlineNanos {@link System#nanoTime()} by which the sequence must end (it ends as TIMEOUT otherwise)
 */
public record SequenceRequest(int[] prompt, int maxTokens, SamplingParams sampling, List<String> stop,
                              TokenConstraint constraint, int topLogprobs, long deadlineNanos,
                              SequenceListener listener) {
    public SequenceRequest {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt has no tokens");
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be >= 1");
        stop = List.copyOf(stop);
    }
}
