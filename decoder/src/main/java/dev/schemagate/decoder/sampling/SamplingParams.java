package dev.schemagate.decoder.sampling;

/**
 * How the next token is picked from the logits. Temperature 0 is greedy (argmax); otherwise top-k, then
 * top-p (nucleus), then min-p filter the temperature-scaled softmax, and a seeded draw picks among the rest.
 *
 * @param topK  keep the k most likely tokens; 0 keeps all
 * @param topP  keep the smallest set whose probability reaches p; 1 keeps all
 * @param minP  drop tokens less likely than minP times the most likely one; 0 keeps all
 */
public record SamplingParams(float temperature, int topK, float topP, float minP, long seed) {
    public static final SamplingParams GREEDY = new SamplingParams(0f, 0, 1f, 0f, 0L);

    public SamplingParams {
        if (!(temperature >= 0f) || Float.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        if (topK < 0) throw new IllegalArgumentException("top_k must be >= 0, was " + topK);
        if (!(topP > 0f && topP <= 1f)) throw new IllegalArgumentException("top_p must be in (0, 1], was " + topP);
        if (!(minP >= 0f && minP <= 1f)) throw new IllegalArgumentException("min_p must be in [0, 1], was " + minP);
    }

    public boolean greedy() {
        return temperature == 0f;
    }
}
