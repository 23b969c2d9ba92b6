package dev.schemagate.gateway.engine;

/** What the scheduler reports about its work, for metrics. Called on the scheduler or mask thread. */
public interface EngineObserver {
    EngineObserver NONE = new EngineObserver() {};

    /** One forward pass: its rows, how many were decode steps, its time, and the wait for masks after it. */
    default void step(int rows, int decodeRows, long forwardNanos, long maskWaitNanos) {}

    /** One mask filled for one sequence. */
    default void maskFilled(long nanos) {}

    /** A prompt started: how many of its tokens the prefix cache supplied. */
    default void promptStarted(int promptTokens, int cachedTokens) {}
}
