package dev.schemagate.decoder.generate;

import dev.schemagate.fsm.Matcher;

/** A token-mask engine matcher (JSON Schema, grammar, regex) as the generation loop's constraint. */
public record MatcherConstraint(Matcher matcher) implements TokenConstraint {
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
}
