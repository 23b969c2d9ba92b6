package dev.schemagate.gateway.engine;

import dev.schemagate.tokenizer.TokenVocabulary;
import java.util.ArrayList;
import java.util.List;

/** Log-probabilities under the model's own distribution (raw logits, before masks and temperature). */
final class Logprobs {
    private Logprobs() {}

    static float logSumExp(float[] logits, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, logits[off + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(logits[off + i] - max);
        return (float) (max + Math.log(sum));
    }

    /** The {@code k} most likely tokens, most likely first (ties: lower id first). */
    static List<GeneratedToken.Alternative> top(float[] logits, int off, int n, int k, float logSumExp, TokenVocabulary vocabulary) {
        int[] best = new int[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            float v = logits[off + i];
            if (size == k && v <= logits[off + best[k - 1]]) continue;
            int at = size == k ? k - 1 : size++;
            while (at > 0 && logits[off + best[at - 1]] < v) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        List<GeneratedToken.Alternative> out = new ArrayList<>(size);
        for (int j = 0; j < size; j++) {
            out.add(new GeneratedToken.Alternative(best[j], vocabulary.bytes(best[j]), logits[off + best[j]] - logSumExp));
        }
        return out;
    }
}
