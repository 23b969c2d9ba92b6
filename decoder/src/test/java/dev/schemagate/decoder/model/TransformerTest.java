package dev.schemagate.decoder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.decoder.gguf.GgufFile;
import dev.schemagate.kernels.GgmlType;
import dev.schemagate.kernels.ops.FlashAttention;
import dev.schemagate.kernels.parallel.ThreadTeam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The threaded, batched forward pass against {@link ReferenceForward} on tiny random GGUF models. */
class TransformerTest {
    private static final int[] TOKENS = {72, 101, 108, 108, 111, 44, 32, 258, 256, 7};

    @TempDir
    Path dir;

    static Stream<Arguments> models() {
        List<Arguments> cases = new ArrayList<>();
        for (GgmlType type : List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
                GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K)) {
            cases.add(Arguments.of(Architecture.LLAMA, type, type.ordinal() % 2 == 0));
        }
        cases.add(Arguments.of(Architecture.QWEN2, GgmlType.Q8_0, false));
        cases.add(Arguments.of(Architecture.QWEN3, GgmlType.Q4_K, true));
        cases.add(Arguments.of(Architecture.QWEN3, GgmlType.Q4_1, false));
        return cases.stream();
    }

    /**
     * Activations are quantized to 8 bits for quantized weights, as llama.cpp does, so logits carry about 1%
     * noise; float weights are held tighter, up to the f16 rounding of attention (llama.cpp's f16 KV cache).
     */
    private static double tolerance(GgmlType type) {
        return switch (type) {
            case F32 -> 1e-3;
            case F16, BF16 -> 2e-3;
            default -> 0.03;
        };
    }

    @ParameterizedTest(name = "{0} {1} tied={2}")
    @MethodSource("models")
    void tokenByTokenMatchesTheReference(Architecture arch, GgmlType type, boolean tied) throws Exception {
        Path file = TinyModels.write(dir.resolve("m.gguf"), arch, type, tied, 42);
        try (GgufFile gguf = GgufFile.open(file); ThreadTeam team = new ThreadTeam(2)) {
            ModelWeights weights = ModelWeights.load(gguf, ModelConfig.of(gguf), LoadProgress.NONE);
            ReferenceForward reference = new ReferenceForward(weights, TOKENS.length);
            Transformer transformer = new Transformer(weights, team, 4, 64);
            KvCache cache = new KvCache(weights.config(), TOKENS.length);
            Batch batch = new Batch(4);
            float[] logits = new float[TinyModels.VOCAB];
            for (int p = 0; p < TOKENS.length; p++) {
                batch.clear();
                batch.add(TOKENS[p], p, cache, true);
                transformer.forward(batch, logits);
                assertClose(reference.step(TOKENS[p]), logits, 0, tolerance(type), "position " + p);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void promptChunksAndBatchedSequencesAgreeWithSingleSteps(Architecture arch, GgmlType type, boolean tied) throws Exception {
        Path file = TinyModels.write(dir.resolve("m.gguf"), arch, type, tied, 7);
        try (GgufFile gguf = GgufFile.open(file); ThreadTeam team = new ThreadTeam(2)) {
            ModelWeights weights = ModelWeights.load(gguf, ModelConfig.of(gguf), LoadProgress.NONE);
            ModelConfig c = weights.config();
            int vocab = TinyModels.VOCAB;
            Transformer wide = new Transformer(weights, team, TOKENS.length, 64);

            // One sequence fed a token at a time: the baseline.
            float[][] single = new float[TOKENS.length][vocab];
            KvCache cache = new KvCache(c, TOKENS.length);
            Batch batch = new Batch(TOKENS.length);
            for (int p = 0; p < TOKENS.length; p++) {
                batch.clear();
                batch.add(TOKENS[p], p, cache, true);
                wide.forward(batch, single[p]);
            }

            // The whole prompt as one batch, logits of every row.
            KvCache chunkCache = new KvCache(c, TOKENS.length);
            batch.clear();
            for (int p = 0; p < TOKENS.length; p++) batch.add(TOKENS[p], p, chunkCache, true);
            float[] chunk = new float[TOKENS.length * vocab];
            wide.forward(batch, chunk);
            for (int p = 0; p < TOKENS.length; p++) assertClose(toDouble(single[p]), chunk, p * vocab, tolerance(type), "prompt row " + p);

            // Three sequences at different positions in one decode step; the middle one is the baseline's sequence.
            KvCache other = new KvCache(c, TOKENS.length);
            KvCache third = new KvCache(c, TOKENS.length);
            for (int p = 0; p < 3; p++) {
                batch.clear();
                batch.add(TOKENS[TOKENS.length - 1 - p], p, other, false);
                batch.add(TOKENS[p], p, third, false);
                wide.forward(batch, new float[0]);
            }
            KvCache again = new KvCache(c, TOKENS.length);
            batch.clear();
            for (int p = 0; p < 5; p++) batch.add(TOKENS[p], p, again, false);
            wide.forward(batch, new float[0]);
            batch.clear();
            batch.add(9, 3, other, true);
            batch.add(TOKENS[5], 5, again, true);
            batch.add(11, 3, third, true);
            float[] step = new float[3 * vocab];
            wide.forward(batch, step);
            assertClose(toDouble(single[5]), step, vocab, tolerance(type), "batched row");
        }
    }

    @Test
    void aCopiedPrefixContinuesExactlyLikeTheSequenceItCameFrom() throws Exception {
        Path file = TinyModels.write(dir.resolve("m.gguf"), Architecture.LLAMA, GgmlType.Q4_1, false, 5);
        try (GgufFile gguf = GgufFile.open(file); ThreadTeam team = new ThreadTeam(2)) {
            ModelWeights weights = ModelWeights.load(gguf, ModelConfig.of(gguf), LoadProgress.NONE);
            Transformer t = new Transformer(weights, team, TOKENS.length, 64);
            Batch batch = new Batch(TOKENS.length);
            KvCache whole = new KvCache(weights.config(), TOKENS.length);
            for (int p = 0; p < TOKENS.length; p++) batch.add(TOKENS[p], p, whole, p == TOKENS.length - 1);
            float[] expected = new float[TinyModels.VOCAB];
            t.forward(batch, expected);

            KvCache prefix = new KvCache(weights.config(), 6);
            batch.clear();
            for (int p = 0; p < 6; p++) batch.add(TOKENS[p], p, prefix, false);
            t.forward(batch, new float[0]);
            KvCache continued = new KvCache(weights.config(), TOKENS.length);
            continued.copyPrefix(prefix, 6);
            batch.clear();
            for (int p = 6; p < TOKENS.length; p++) batch.add(TOKENS[p], p, continued, p == TOKENS.length - 1);
            float[] actual = new float[TinyModels.VOCAB];
            t.forward(batch, actual);
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
            assertThrows(IllegalArgumentException.class, () -> prefix.copyPrefix(continued, 7));
        }
    }

    @Test
    void aDecodeRowGetsTheSameLogitsAloneAndBesideALongPromptChunk() throws Exception {
        Path file = TinyModels.write(dir.resolve("m.gguf"), Architecture.LLAMA, GgmlType.Q4_1, true, 11);
        try (GgufFile gguf = GgufFile.open(file); ThreadTeam team = new ThreadTeam(2)) {
            ModelWeights weights = ModelWeights.load(gguf, ModelConfig.of(gguf), LoadProgress.NONE);
            ModelConfig c = weights.config();
            int chunkRows = FlashAttention.TILED_MIN_ROWS + 6;
            Transformer t = new Transformer(weights, team, chunkRows + 1, chunkRows);
            Batch batch = new Batch(chunkRows + 1);
            float[][] logits = new float[2][];
            for (int shared = 0; shared < 2; shared++) {
                KvCache cache = new KvCache(c, 8);
                batch.clear();
                for (int p = 0; p < 5; p++) batch.add(TOKENS[p], p, cache, false);
                t.forward(batch, new float[0]);
                batch.clear();
                batch.add(TOKENS[5], 5, cache, true);
                // the second time, another sequence's prompt chunk long enough for the tiled kernel shares the step
                if (shared == 1) {
                    KvCache other = new KvCache(c, chunkRows);
                    for (int p = 0; p < chunkRows; p++) batch.add((p * 7 + 3) % TinyModels.VOCAB, p, other, false);
                }
                logits[shared] = new float[TinyModels.VOCAB];
                t.forward(batch, logits[shared]);
            }
            assertEquals(java.util.Arrays.toString(logits[0]), java.util.Arrays.toString(logits[1]));
        }
    }

    @Test
    void oneAndTwoThreadsComputeTheSameLogits() throws Exception {
        Path file = TinyModels.write(dir.resolve("m.gguf"), Architecture.LLAMA, GgmlType.Q4_1, true, 3);
        float[][] results = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (GgufFile gguf = GgufFile.open(file); ThreadTeam team = new ThreadTeam(threads)) {
                ModelWeights weights = ModelWeights.load(gguf, ModelConfig.of(gguf), LoadProgress.NONE);
                Transformer t = new Transformer(weights, team, TOKENS.length, 64);
                Batch batch = new Batch(TOKENS.length);
                KvCache cache = new KvCache(weights.config(), TOKENS.length);
                for (int p = 0; p < TOKENS.length; p++) batch.add(TOKENS[p], p, cache, p == TOKENS.length - 1);
                results[threads - 1] = new float[TinyModels.VOCAB];
                t.forward(batch, results[threads - 1]);
            }
        }
        assertClose(toDouble(results[0]), results[1], 0, 1e-5, "2 threads vs 1");
    }

    @Test
    void rejectsTokensAndPositionsOutsideTheModel() throws Exception {
        Path file = TinyModels.write(dir.resolve("m.gguf"), Architecture.LLAMA, GgmlType.F32, true, 1);
        try (GgufFile gguf = GgufFile.open(file); ThreadTeam team = new ThreadTeam(1)) {
            ModelWeights weights = ModelWeights.load(gguf, ModelConfig.of(gguf), LoadProgress.NONE);
            Transformer t = new Transformer(weights, team, 2, 8);
            Batch batch = new Batch(2);
            batch.add(TinyModels.VOCAB, 0, new KvCache(weights.config(), 8), true);
            assertThrows(IllegalArgumentException.class, () -> t.forward(batch, new float[TinyModels.VOCAB]));
            assertThrows(IllegalArgumentException.class, () -> batch.add(1, 8, new KvCache(weights.config(), 8), true));
        }
    }

    /** Max error relative to the largest reference logit: logits are compared as a whole distribution. */
    private static void assertClose(double[] expected, float[] actual, int offset, double tolerance, String what) {
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        assertTrue(scale > 0.1, what + ": reference logits are degenerate");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[offset + i]));
        assertTrue(worst <= tolerance * scale, what + ": max error " + worst + " over scale " + scale);
        assertEquals(expected.length, TinyModels.VOCAB);
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
