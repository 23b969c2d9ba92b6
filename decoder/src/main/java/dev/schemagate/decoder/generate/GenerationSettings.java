package dev.schemagate.decoder.generate;

import dev.schemagate.decoder.sampling.SamplingParams;
import java.util.List;

/**
 * @param stop strings that end generation; the text returned stops before the first one
 */
public record GenerationSettings(int maxTokens, SamplingParams sampling, List<String> stop) {
    public GenerationSettings {
        if (maxTokens < 0) throw new IllegalArgumentException("max tokens must be >= 0, was " + maxTokens);
        stop = List.copyOf(stop);
        for (String s : stop) {
            if (s.isEmpty()) throw new IllegalArgumentException("a stop string must not be empty");
        }
    }
}
