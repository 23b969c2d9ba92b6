package dev.schemagate.benchmarks.decode;

import dev.schemagate.decoder.Model;
import dev.schemagate.decoder.model.Batch;
import dev.schemagate.decoder.model.KvCache;
import dev.schemagate.decoder.model.Transformer;
import java.util.Arrays;

/**
 * Our side of bench-decode, measured the way llama-bench measures: prompt processing of one batch of
 * {@code promptTokens} (logits of the last row only), generation of {@code genTokens} single-token steps from
 * an empty cache, and the same generation for {@code batchWidth} sequences advancing together.
 * Token ids are fixed and arbitrary: speed does not depend on them.
 */
public final class DecodeSpeed {
    private final Model model;
    private final int promptTokens;
    private final int genTokens;
    private final int batchWidth;

    public DecodeSpeed(Model model, int promptTokens, int genTokens, int batchWidth) {
        this.model = model;
        this.promptTokens = promptTokens;
        this.genTokens = genTokens;
        this.batchWidth = batchWidth;
    }

    /** Prompt tokens per second for one pass over a {@code promptTokens}-row batch. */
    public double prefillTokensPerSecond() {
        Transformer t = model.newTransformer(promptTokens, promptTokens);
        KvCache cache = new KvCache(t.config(), promptTokens);
        Batch batch = new Batch(promptTokens);
        for (int p = 0; p < promptTokens; p++) batch.add(token(p), p, cache, p == promptTokens - 1);
        float[] logits = new float[t.config().vocabSize()];
        long start = System.nanoTime();
        t.forward(batch, logits);
        return promptTokens / seconds(start);
    }

    /** Aggregate tokens per second of {@code width} sequences decoding {@code genTokens} steps in lockstep. */
    public double generationTokensPerSecond(int width) {
        Transformer t = model.newTransformer(width, genTokens);
        KvCache[] caches = new KvCache[width];
        for (int s = 0; s < width; s++) caches[s] = new KvCache(t.config(), genTokens);
        Batch batch = new Batch(width);
        float[] logits = new float[width * t.config().vocabSize()];
        long start = System.nanoTime();
        for (int step = 0; step < genTokens; step++) {
            batch.clear();
            for (int s = 0; s < width; s++) batch.add(token(step * 31 + s), step, caches[s], true);
            t.forward(batch, logits);
        }
        return (double) width * genTokens / seconds(start);
    }

    public int batchWidth() {
        return batchWidth;
    }

    /** Runs everything {@code reps} times after one warm-up round and returns the medians. */
    public Result measure(int reps) {
        prefillTokensPerSecond();
        generationTokensPerSecond(1);
        generationTokensPerSecond(batchWidth);
        double[] prefill = new double[reps];
        double[] gen = new double[reps];
        double[] batched = new double[reps];
        for (int r = 0; r < reps; r++) {
            prefill[r] = prefillTokensPerSecond();
            gen[r] = generationTokensPerSecond(1);
            batched[r] = generationTokensPerSecond(batchWidth);
        }
        return new Result(median(prefill), median(gen), median(batched), prefill, gen, batched);
    }

    /** Medians and every run, tokens per second. */
    public record Result(double prefillTps, double genTps, double batchGenTps, double[] prefillRuns, double[] genRuns,
                         double[] batchGenRuns) {
    }

    private int token(int i) {
        // Skip the first ids (often control tokens) and stay inside any vocabulary.
        return 100 + Math.floorMod(i * 7919, model.config().vocabSize() - 100);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
