package dev.schemagate.decoder.generate;

import dev.schemagate.fsm.Matcher;

/** A token-mask engine matcher (JSON Schema, grammar, regex) as the generation loop's constraint. */
public record MatcherConstraint(Matcher matcher) implements TokenConstraint {
    /** Steering starts when the shortest ending needs all but this many of the tokens left: room for a token that opens more. */
    private static final int STEER_SLACK = 16;
    /** Further from the budget's end than this, nothing is computed (a shortest ending that long is rare). */
    private static final int STEER_WINDOW = 512;

    @Override
    public void fillMask(long[] mask) {
        matcher.fillMask(mask);
    }

    @Override
    public boolean commit(int token) {
        return matcher.commit(token);
    }

    @Override
    public boolean isAccepting() {
        return matcher.isAccepting();
    }

    @Override
    public boolean isFinished() {
        return matcher.isFinished();
    }

    @Override
    public boolean stopStringsApply() {
        return false;
    }

    @Override
    public void steerToEnd(long[] mask, int tokensLeft) {
        if (tokensLeft <= STEER_WINDOW) matcher.steerToEnd(mask, tokensLeft, STEER_SLACK);
    }
}
