package dev.schemagate.gateway.engine;

/** A submitted sequence; cancelling frees its slot and cache at the next step. */
public final class SequenceHandle {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
