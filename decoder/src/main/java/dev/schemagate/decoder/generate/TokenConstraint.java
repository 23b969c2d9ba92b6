package dev.schemagate.decoder.generate;

/** What the generation loop asks of a constraint at every step: the allowed tokens, then the chosen one. */
public interface TokenConstraint {
    /** Sets bit t (bit t%64 of word t/64) iff token t may come next. */
    void fillMask(long[] mask);

    /** Advances over the chosen token; false if it was not allowed (a bug in the caller). */
    boolean commit(int token);

    /** True when the text so far is complete (ending it here yields a valid output). */
    boolean isAccepting();

    /** True once nothing may follow (the end-of-sequence token was committed). */
    boolean isFinished();

    /**
     * Narrows a filled mask so the output can still be completed within {@code tokensLeft} tokens (this one
     * included), once the budget only just covers its shortest ending. A constraint that cannot tell leaves it.
     */
    default void steerToEnd(long[] mask, int tokensLeft) {}

    /** Whether the caller's stop strings may still end the output: not inside a constrained part, which one would cut. */
    default boolean stopStringsApply() {
        return true;
    }
}
