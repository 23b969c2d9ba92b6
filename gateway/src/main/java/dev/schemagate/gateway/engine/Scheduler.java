package dev.schemagate.gateway.engine;

import dev.schemagate.decoder.Model;
import dev.schemagate.decoder.model.Batch;
import dev.schemagate.decoder.model.KvCache;
import dev.schemagate.decoder.model.ModelConfig;
import dev.schemagate.decoder.model.Transformer;
import dev.schemagate.kernels.ops.LogitMask;
import dev.schemagate.tokenizer.TokenVocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Continuous batching on one thread that owns the model. Every step: admit waiting sequences into free
 * slots, then one forward pass holding one decode row of every decoding sequence plus a chunk of the oldest
 * unfinished prompt, then a token for each sequence that got logits. Sequences join and leave at any step.
 * Masks for the step are filled on their own thread during the forward pass.
 */
public final class Scheduler implements AutoCloseable {
    private static final int INITIAL_OUTPUT_ROOM = 256;

    private final Model model;
    private final SchedulerConfig config;
    private final EngineObserver observer;
    private final ModelConfig modelConfig;
    private final TokenVocabulary vocabulary;
    private final int vocab;
    private final boolean[] endOfSequence;
    private final Transformer transformer;
    private final Batch batch;
    private final float[] logits;
    private final ArrayBlockingQueue<Sequence> waiting;
    private final List<Sequence> running = new ArrayList<>();
    private final Sequence[] withLogits;
    private final Sequence[] maskJobs;
    private final PrefixCache prefixCache;
    private final MaskWorker maskWorker;
    private final Thread thread;
    private volatile boolean closed;

    public Scheduler(Model model, SchedulerConfig config, EngineObserver observer) {
        this.model = model;
        this.config = config;
        this.observer = observer;
        this.modelConfig = model.config();
        this.vocabulary = model.tokenizer().vocabulary();
        this.vocab = modelConfig.vocabSize();
        this.endOfSequence = new boolean[vocab];
        for (int id : vocabulary.endOfSequence()) endOfSequence[id] = true;
        int maxRows = Math.max(config.prefillChunk(), config.interleavedChunk() + config.maxBatch());
        this.transformer = model.newTransformer(maxRows, config.contextLength());
        this.batch = new Batch(maxRows);
        this.logits = new float[config.maxBatch() * vocab];
        this.waiting = new ArrayBlockingQueue<>(Math.max(1, config.maxQueue()));
        this.withLogits = new Sequence[config.maxBatch()];
        this.maskJobs = new Sequence[config.maxBatch()];
        this.prefixCache = new PrefixCache(modelConfig, config.prefixCacheBytes());
        this.maskWorker = config.overlapMasks() ? new MaskWorker(observer) : null;
        this.thread = Thread.ofPlatform().name("schemagate-scheduler").start(this::loop);
    }

    /** Most positions (prompt plus output) one sequence may use. */
    public int contextLength() {
        return transformer.maxPositions();
    }

    /**
     * Queues a sequence; never blocks.
     *
     * @throws QueueFullException when {@code maxQueue} sequences already wait
     */
    public SequenceHandle submit(SequenceRequest request) throws QueueFullException {
        if (request.prompt().length + request.maxTokens() > contextLength()) {
            throw new IllegalArgumentException("prompt (" + request.prompt().length + " tokens) plus max tokens (" + request.maxTokens()
                    + ") exceed the context of " + contextLength() + " tokens");
        }
        if (closed) throw new IllegalStateException("the scheduler is closed");
        SequenceHandle handle = new SequenceHandle();
        Sequence sequence = new Sequence(request, handle, System.nanoTime(), vocab, (vocab + 63) >>> 6, config.steerToEnd());
        if (config.maxQueue() == 0 || !waiting.offer(sequence)) throw new QueueFullException(config.maxQueue());
        return handle;
    }

    /** Sequences waiting for a slot. */
    public int queued() {
        return waiting.size();
    }

    /** Sequences in the running batch (a plain read from another thread: a metric, not a guarantee). */
    public int running() {
        return running.size();
    }

    private void loop() {
        try {
            while (!closed) {
                admit();
                if (running.isEmpty()) {
                    Sequence next = waiting.poll(100, TimeUnit.MILLISECONDS);
                    if (next != null) running.add(next);
                    continue;
                }
                step();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Sequence s : running) finish(s, SequenceEnd.CANCELLED, "the server is shutting down");
            running.clear();
            for (Sequence s; (s = waiting.poll()) != null; ) finish(s, SequenceEnd.CANCELLED, "the server is shutting down");
        }
    }

    private void admit() {
        while (running.size() < config.maxBatch()) {
            Sequence next = waiting.poll();
            if (next == null) return;
            running.add(next);
        }
    }

    private void step() {
        long now = System.nanoTime();
        for (int i = running.size() - 1; i >= 0; i--) {
            Sequence s = running.get(i);
            if (s.handle.cancelled()) finish(s, SequenceEnd.CANCELLED, "cancelled");
            else if (now - s.request.deadlineNanos() > 0) finish(s, SequenceEnd.TIMEOUT, "the request exceeded the server's time limit");
        }
        if (running.isEmpty()) return;

        batch.clear();
        int logitRows = 0;
        int decodeRows = 0;
        for (Sequence s : running) {
            s.logitRow = -1;
            if (!s.decoding) continue;
            ensureRoom(s, s.position + 1);
            s.logitRow = batch.add(s.lastToken, s.position, s.cache, true);
            withLogits[logitRows++] = s;
            decodeRows++;
        }
        int budget = Math.min(decodeRows == 0 ? config.prefillChunk() : config.interleavedChunk(), batch.capacity() - batch.size());
        for (Sequence s : running) {
            if (s.decoding || budget == 0) continue;
            if (!s.started) startPrompt(s, now);
            int[] prompt = s.request.prompt();
            int to = Math.min(prompt.length, s.position + budget);
            for (int p = s.position; p < to; p++) {
                int row = batch.add(prompt[p], p, s.cache, p == prompt.length - 1);
                if (row >= 0) {
                    s.logitRow = row;
                    withLogits[logitRows++] = s;
                }
            }
            s.pendingRows = to - s.position;
            budget -= s.pendingRows;
        }

        int jobs = 0;
        for (int i = 0; i < logitRows; i++) if (withLogits[i].constrained()) maskJobs[jobs++] = withLogits[i];
        long t0 = System.nanoTime();
        long forwardEnd;
        if (maskWorker != null && jobs > 0) maskWorker.begin(maskJobs, jobs);
        try {
            transformer.forward(batch, logits);
        } finally {
            forwardEnd = System.nanoTime();
            if (maskWorker != null && jobs > 0) maskWorker.await();
        }
        if (maskWorker == null) {
            for (int i = 0; i < jobs; i++) {
                maskJobs[i].fillMask();
                observer.maskFilled(maskJobs[i].maskNanos);
            }
        }
        // With overlap, the wait is what the masks took beyond the forward pass; without, all of their time.
        observer.step(batch.size(), decodeRows, forwardEnd - t0, System.nanoTime() - forwardEnd);

        // Advance positions: every row written this step is now in its cache.
        for (Sequence s : running) {
            if (s.decoding) s.position++;
        }
        for (Sequence s : running) {
            s.position += s.pendingRows;
            s.pendingRows = 0;
        }
        for (int i = 0; i < logitRows; i++) pick(withLogits[i]);
        Arrays.fill(withLogits, 0, logitRows, null);
        Arrays.fill(maskJobs, 0, jobs, null);
    }

    private void startPrompt(Sequence s, long now) {
        s.started = true;
        s.firstForward = now;
        int[] prompt = s.request.prompt();
        s.cache = new KvCache(modelConfig, Math.min(contextLength(), prompt.length + Math.min(s.request.maxTokens(), INITIAL_OUTPUT_ROOM)));
        s.cachedTokens = prefixCache.restore(prompt, s.cache);
        s.position = s.cachedTokens;
        observer.promptStarted(prompt.length, s.cachedTokens);
    }

    /** Grows the sequence's cache (doubling, up to its budget) so that it holds {@code positions}. */
    private void ensureRoom(Sequence s, int positions) {
        if (positions <= s.cache.capacity()) return;
        int limit = s.request.prompt().length + s.request.maxTokens();
        KvCache bigger = new KvCache(modelConfig, Math.min(limit, Math.max(positions, s.cache.capacity() * 2)));
        bigger.copyPrefix(s.cache, s.position);
        s.cache = bigger;
    }

    private void pick(Sequence s) {
        if (!running.contains(s)) return;
        int off = s.logitRow * vocab;
        if (s.maskFailure != null) {
            finish(s, SequenceEnd.FAILED, "computing the token mask failed: " + s.maskFailure.getMessage());
            return;
        }
        if (!s.decoding) {
            s.decoding = true;
            prefixCache.store(s.request.prompt(), s.request.prompt().length, s.cache);
        }
        int top = s.request.topLogprobs();
        float logSumExp = top >= 0 ? Logprobs.logSumExp(logits, off, vocabulary.size()) : Float.NaN;
        List<GeneratedToken.Alternative> alternatives = top > 0 ? Logprobs.top(logits, off, vocabulary.size(), top, logSumExp, vocabulary) : List.of();
        if (s.constrained()) LogitMask.apply(s.mask, logits, off, vocab);
        // Embedding rows past the tokenizer's vocabulary are padding, never a token.
        Arrays.fill(logits, off + vocabulary.size(), off + vocab, Float.NEGATIVE_INFINITY);
        int token = s.sampler.sample(logits, off, vocab);
        if (token < 0) {
            finish(s, SequenceEnd.FAILED, "the constraint allows no token");
            return;
        }
        if (s.constrained() && !s.request.constraint().commit(token)) {
            finish(s, SequenceEnd.FAILED, "the constraint refused token " + token + " it allowed");
            return;
        }
        if (s.firstToken == 0) s.firstToken = System.nanoTime();
        if (endOfSequence[token]) {
            finish(s, SequenceEnd.STOP, null);
            return;
        }
        s.record(token);
        if (s.constrained() && !s.request.constraint().stopStringsApply()) s.text.ignoreStops();
        byte[] bytes = vocabulary.bytes(token);
        String delta = s.text.add(bytes);
        float logprob = top >= 0 ? logits[off + token] - logSumExp : Float.NaN;
        s.request.listener().onToken(new GeneratedToken(token, bytes, delta, logprob, alternatives));
        if (s.text.stopped()) finish(s, SequenceEnd.STOP, null);
        else if (s.request.constraint() != null && s.request.constraint().isFinished()) finish(s, SequenceEnd.STOP, null);
        else if (s.produced == s.request.maxTokens()) {
            // A constrained output complete at the budget (steered to its end) is an answer, not a cut.
            boolean complete = s.constrained() && s.request.constraint().isAccepting();
            finish(s, complete ? SequenceEnd.STOP : SequenceEnd.LENGTH, null);
        }
        else s.lastToken = token;
    }

    private void finish(Sequence s, SequenceEnd end, String error) {
        running.remove(s);
        if (end == SequenceEnd.STOP && s.cache != null) {
            // Keep prompt plus output (all but the last token, which was never run) for the next turn.
            int forwarded = s.position;
            int[] tokens = Arrays.copyOf(s.request.prompt(), forwarded);
            int p = s.request.prompt().length;
            for (int i = 0; p + i < forwarded && i < s.produced; i++) tokens[p + i] = s.generated[i];
            prefixCache.store(tokens, forwarded, s.cache);
        }
        s.cache = null;
        String rest = s.text.finish();
        if (!rest.isEmpty()) s.request.listener().onToken(new GeneratedToken(-1, new byte[0], rest, Float.NaN, List.of()));
        boolean accepted = s.request.constraint() == null || s.request.constraint().isAccepting();
        long now = System.nanoTime();
        SequenceOutcome outcome = new SequenceOutcome(end, s.text.text(), s.request.prompt().length, s.produced, s.cachedTokens,
                accepted, error, s.started ? s.firstForward - s.submitted : now - s.submitted,
                s.firstToken == 0 ? 0 : s.firstToken - s.submitted, now - s.submitted);
        try {
            s.request.listener().onFinish(outcome);
        } catch (RuntimeException ignored) {
            // A listener's failure is its own; the batch goes on.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (maskWorker != null) maskWorker.close();
    }
}
