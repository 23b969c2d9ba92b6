package dev.schemagate.decoder.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.decoder.Model;
import dev.schemagate.decoder.model.Batch;
import dev.schemagate.decoder.model.KvCache;
import dev.schemagate.decoder.model.LoadProgress;
import dev.schemagate.decoder.model.Transformer;
import dev.schemagate.decoder.sampling.Sampler;
import dev.schemagate.kernels.ops.GgmlIsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Greedy decoding of the real SmolLM2-135M-Instruct Q4_1 against llama.cpp's own, recorded by
 * scripts/llamacpp-reference.sh (node-llama-cpp): 20 prompts, 64 tokens each, raw argmax past end-of-sequence.
 * llama.cpp loads the ggml CPU build of the machine (AVX-512 or AVX2) and the ops follow the same one
 * ({@link GgmlIsa#HOST}), so the reference must have been recorded on a CPU of the same kind.
 */
class LlamaCppAgreementTest {
    /**
     * Issue 3's bar. 8-bit activation quantization makes this model amplify float summation-order differences
     * (a 1e-7 change grows to 0.5 logits over 30 layers), so the kernels and ops follow ggml's operation order
     * exactly; today all 20 prompts agree (on AVX-512 and on AVX2 machines).
     */
    private static final int MIN_IDENTICAL = 18;

    /** Same order, same bits: top-1 logits agree exactly today (0.0000); a tiny margin for a stray ulp. */
    private static final double LOGIT_TOLERANCE = 1e-3;

    @Test
    void greedyTokensAndTopLogitsMatchLlamaCpp() throws Exception {
        Path cache = Path.of(System.getProperty("schemagate.cache", System.getProperty("user.home") + "/.cache/schemagate"));
        Path modelFile = cache.resolve("models/SmolLM2-135M-Instruct.Q4_1.gguf");
        Path referenceFile = cache.resolve("reference/llamacpp-greedy-smollm2.json");
        assertTrue(Files.isRegularFile(modelFile) && Files.isRegularFile(referenceFile),
                "missing " + modelFile + " or " + referenceFile + ": run ./schemagate test (or scripts/fetch-model.sh and scripts/llamacpp-reference.sh)");
        JsonNode reference = new ObjectMapper().readTree(referenceFile.toFile());

        int identical = 0;
        int firstTokenAgrees = 0;
        double worstLogit = 0;
        List<String> divergences = new ArrayList<>();
        try (Model model = Model.load(modelFile, 2, LoadProgress.NONE)) {
            Transformer transformer = model.newTransformer(64, 256);
            int vocab = model.config().vocabSize();
            float[] logits = new float[vocab];
            Batch batch = new Batch(64);
            for (JsonNode prompt : reference.path("prompts")) {
                int[] ids = ints(prompt.path("prompt_ids"));
                int[] expected = ints(prompt.path("tokens"));
                double[] expectedLogits = doubles(prompt.path("logits"));
                KvCache kv = new KvCache(model.config(), ids.length + expected.length);
                batch.clear();
                for (int p = 0; p < ids.length; p++) batch.add(ids[p], p, kv, p == ids.length - 1);
                transformer.forward(batch, logits);
                int firstDivergence = -1;
                for (int step = 0; step < expected.length; step++) {
                    int token = Sampler.argmax(logits, 0, vocab);
                    if (step == 0 && token == expected[0]) firstTokenAgrees++;
                    if (token != expected[step]) {
                        firstDivergence = step;
                        divergences.add(String.format("'%s': step %d, ours %d (%.4f) vs llama.cpp %d (%.4f)",
                                prompt.path("text").asText().replace("\n", "\\n"), step, token, logits[token],
                                expected[step], expectedLogits[step]));
                        break;
                    }
                    worstLogit = Math.max(worstLogit, Math.abs(logits[token] - expectedLogits[step]));
                    batch.clear();
                    batch.add(token, ids.length + step, kv, true);
                    transformer.forward(batch, logits);
                }
                if (firstDivergence < 0) identical++;
            }
        }
        System.out.printf("llama.cpp agreement (%s order): %d/%d prompts identical over 64 tokens, first token %d/%d; worst top-1 logit difference %.4f%n",
                GgmlIsa.HOST, identical, reference.path("prompts").size(), firstTokenAgrees, reference.path("prompts").size(), worstLogit);
        divergences.forEach(d -> System.out.println("  first divergence: " + d));
        assertTrue(identical >= MIN_IDENTICAL, identical + " identical prompts; divergences: " + divergences);
        assertTrue(worstLogit <= LOGIT_TOLERANCE, "top-1 logits differ by up to " + worstLogit);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }
}
