package dev.schemagate.decoder.generate;

import dev.schemagate.decoder.model.Batch;
import dev.schemagate.decoder.model.KvCache;
import dev.schemagate.decoder.model.Transformer;
import dev.schemagate.decoder.sampling.Sampler;
import dev.schemagate.kernels.ops.LogitMask;
import dev.schemagate.tokenizer.TokenVocabulary;
import java.util.Arrays;

/**
 * Generates one sequence: the prompt in chunks of the transformer's batch width, then one token per step.
 * Before each pick the constraint (if any) masks the logits; after it, the constraint hears the token.
 */
public final class Generator {
    private final Transformer transformer;
    private final TokenVocabulary vocabulary;
    private final int vocab;
    private final Batch batch;
    private final float[] logits;
    private final long[] mask;
    private final boolean[] endOfSequence;
    private KvCache cache;

    public Generator(Transformer transformer, TokenVocabulary vocabulary) {
        this.transformer = transformer;
        this.vocabulary = vocabulary;
        this.vocab = transformer.config().vocabSize();
        if (vocabulary.size() > vocab) {
            throw new IllegalArgumentException("tokenizer has " + vocabulary.size() + " tokens, the model only " + vocab);
        }
        this.batch = new Batch(transformer.maxRows());
        this.logits = new float[vocab];
        this.mask = new long[(vocab + 63) >>> 6];
        this.endOfSequence = new boolean[vocab];
        for (int id : vocabulary.endOfSequence()) endOfSequence[id] = true;
    }

    /**
     * @param constraint null for free text
     * @throws IllegalArgumentException when the prompt is empty or prompt plus budget exceed the context
     */
    public GenerationResult generate(int[] prompt, GenerationSettings settings, TokenConstraint constraint,
                                     TokenListener listener) {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt has no tokens");
        int capacity = prompt.length + settings.maxTokens();
        if (capacity > transformer.maxPositions()) {
            throw new IllegalArgumentException("prompt (" + prompt.length + " tokens) plus max tokens (" + settings.maxTokens()
                    + ") exceed the context of " + transformer.maxPositions() + " tokens");
        }
        if (cache == null || cache.capacity() < capacity) cache = new KvCache(transformer.config(), capacity);

        long start = System.nanoTime();
        prefill(prompt);
        long prefillEnd = System.nanoTime();

        Sampler sampler = new Sampler(settings.sampling(), vocab);
        StreamingText text = new StreamingText(settings.stop());
        int[] out = new int[settings.maxTokens()];
        int produced = 0;
        FinishReason reason = FinishReason.LENGTH;
        int position = prompt.length;
        while (produced < settings.maxTokens()) {
            if (constraint != null) {
                constraint.fillMask(mask);
                LogitMask.apply(mask, logits, 0, vocab);
            }
            // Embedding rows past the tokenizer's vocabulary are padding, never a token.
            Arrays.fill(logits, vocabulary.size(), vocab, Float.NEGATIVE_INFINITY);
            int token = sampler.sample(logits, 0, vocab);
            if (token < 0) throw new IllegalStateException("the constraint allows no token");
            if (constraint != null && !constraint.commit(token)) {
                throw new IllegalStateException("the constraint refused token " + token + " it allowed");
            }
            if (endOfSequence[token]) {
                reason = FinishReason.STOP;
                break;
            }
            out[produced++] = token;
            String delta = text.add(vocabulary.bytes(token));
            if (!delta.isEmpty()) listener.onText(delta);
            if (text.stopped()) {
                reason = FinishReason.STOP;
                break;
            }
            if (produced == settings.maxTokens()) break;
            batch.clear();
            batch.add(token, position++, cache, true);
            transformer.forward(batch, logits);
        }
        String rest = text.finish();
        if (!rest.isEmpty()) listener.onText(rest);
        boolean accepted = constraint == null || constraint.isAccepting();
        return new GenerationResult(Arrays.copyOf(out, produced), text.text(), reason, accepted, prompt.length,
                prefillEnd - start, System.nanoTime() - prefillEnd);
    }

    /** Runs the prompt through the model; the last row's logits are left in {@code logits}. */
    private void prefill(int[] prompt) {
        int chunk = transformer.maxRows();
        for (int from = 0; from < prompt.length; from += chunk) {
            int to = Math.min(prompt.length, from + chunk);
            batch.clear();
            for (int p = from; p < to; p++) batch.add(prompt[p], p, cache, p == prompt.length - 1);
            transformer.forward(batch, logits);
        }
    }
}
