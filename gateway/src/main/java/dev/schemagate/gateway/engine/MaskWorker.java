package dev.schemagate.gateway.engine;

import java.util.concurrent.Semaphore;

/**
 * A thread that fills the masks of a step's sequences while the scheduler runs the forward pass: a mask
 * depends only on the tokens already committed, so it never has to wait for the logits.
 */
final class MaskWorker implements AutoCloseable {
    private final Semaphore start = new Semaphore(0);
    private final Semaphore done = new Semaphore(0);
    private final Thread thread;
    private final EngineObserver observer;
    // Written by the scheduler before start.release(), read after start.acquire(): the semaphore orders them.
    private Sequence[] jobs;
    private int count;
    private volatile boolean closed;

    MaskWorker(EngineObserver observer) {
        this.observer = observer;
        this.thread = Thread.ofPlatform().name("schemagate-masks").daemon().start(this::run);
    }

    void begin(Sequence[] sequences, int n) {
        jobs = sequences;
        count = n;
        start.release();
    }

    void await() {
        done.acquireUninterruptibly();
    }

    private void run() {
        while (true) {
            start.acquireUninterruptibly();
            if (closed) return;
            for (int i = 0; i < count; i++) {
                jobs[i].fillMask();
                observer.maskFilled(jobs[i].maskNanos);
            }
            done.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        start.release();
    }
}
