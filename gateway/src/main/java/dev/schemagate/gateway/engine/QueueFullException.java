package dev.schemagate.gateway.engine;

/** The waiting queue is full: the caller should answer 429 and let the client retry. */
public final class QueueFullException extends Exception {
    public QueueFullException(int capacity) {
        super("the server is busy: " + capacity + " sequences are already waiting");
    }
}
