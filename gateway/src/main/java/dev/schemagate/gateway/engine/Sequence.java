package dev.schemagate.gateway.engine;

import dev.schemagate.decoder.generate.StreamingText;
import dev.schemagate.decoder.model.KvCache;
import dev.schemagate.decoder.sampling.Sampler;

/** A running sequence's state, owned by the scheduler thread (the mask thread only fills {@link #mask}). */
final class Sequence {
    final SequenceRequest request;
    final SequenceHandle handle;
    final long submitted;
    final Sampler sampler;
    final StreamingText text;
    final long[] mask;
    int[] generated;
    KvCache cache;
    /** Next position to write; positions below it hold keys and values. */
    int position;
    /** The prompt is done and {@link #lastToken} awaits its forward pass. */
    boolean decoding;
    /** Prompt rows in the current step's batch. */
    int pendingRows;
    boolean started;
    int lastToken;
    int produced;
    int cachedTokens;
    /** The batch's logit row for this sequence in the current step, or -1. */
    int logitRow = -1;
    long firstForward;
    long firstToken;
    /** Set by the mask thread when filling the mask failed. */
    RuntimeException maskFailure;
    long maskNanos;
    private final boolean steer;

    Sequence(SequenceRequest request, SequenceHandle handle, long submitted, int vocab, int maskWords, boolean steer) {
        this.steer = steer;
        this.request = request;
        this.handle = handle;
        this.submitted = submitted;
        this.sampler = new Sampler(request.sampling(), vocab);
        this.text = new StreamingText(request.stop());
        this.mask = request.constraint() == null ? null : new long[maskWords];
        this.generated = new int[Math.min(request.maxTokens(), 256)];
    }

    boolean constrained() {
        return mask != null;
    }

    /** Fills the mask for the next pick; never throws (a failure is kept for the scheduler). */
    void fillMask() {
        long t0 = System.nanoTime();
        try {
            request.constraint().fillMask(mask);
            if (steer) request.constraint().steerToEnd(mask, request.maxTokens() - produced);
        } catch (RuntimeException e) {
            maskFailure = e;
        }
        maskNanos = System.nanoTime() - t0;
    }

    void record(int token) {
        if (produced == generated.length) generated = java.util.Arrays.copyOf(generated, Math.min(request.maxTokens(), generated.length * 2));
        generated[produced++] = token;
    }
}
