package dev.schemagate.gateway.engine;

/** Why a sequence ended. */
public enum SequenceEnd {
    /** End-of-sequence token, stop string, or a constraint that was complete and allowed nothing more. */
    STOP,
    /** The token budget ran out (a constrained output is then incomplete). */
    LENGTH,
    /** The server's time limit for the request passed. */
    TIMEOUT,
    /** The client went away or the server is shutting down. */
    CANCELLED,
    /** An internal error; {@link SequenceOutcome#error()} says which. */
    FAILED
}
