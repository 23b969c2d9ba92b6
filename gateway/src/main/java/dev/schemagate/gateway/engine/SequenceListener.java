package dev.schemagate.gateway.engine;

/**
 * Hears one sequence's progress. Called on the scheduler thread between forward passes: implementations
 * hand the event to their own thread (an event loop) and return at once.
 */
public interface SequenceListener {
    /** A generated token; {@code textDelta} is the text that became final with it (often empty). */
    void onToken(GeneratedToken token);

    /** The sequence ended; called exactly once, also after a cancel or a failure. */
    void onFinish(SequenceOutcome outcome);
}
