package dev.schemagate.fsm;

/** Per-sequence state of a constraint. The per-token methods allocate nothing in steady state. */
public final class Matcher {
    /** Sets bit t of {@code mask} (length {@link MaskEngine#maskWords()}) iff token t may come next. */
    public void fillMask(long[] mask) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Advances over token t; returns false (state unchanged) if t is not allowed. */
    public boolean commit(int token) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** True when the text so far is a complete sentence of the grammar (end-of-sequence is allowed). */
    public boolean isAccepting() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Undoes the last n commits. */
    public void rollback(int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Tokens that are the only possible continuation, in order (for fast-forward); empty when none. */
    public int[] forcedTokens() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Back to the start of the grammar. */
    public void reset() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public Matcher copy() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
