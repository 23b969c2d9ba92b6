package dev.schemagate.decoder.generate;

/** Why generation ended, in OpenAI's terms. */
public enum FinishReason {
    /** An end-of-sequence token or a stop string. */
    STOP,
    /** The token budget ran out first; a constrained output may be incomplete. */
    LENGTH
}
