package dev.schemagate.gateway.tools;

import dev.schemagate.decoder.generate.MatcherConstraint;
import dev.schemagate.decoder.generate.TokenConstraint;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.tokenizer.TokenVocabulary;

/**
 * {@code tool_choice: auto}: the model writes free text, or starts a tool call; from the call's opening tag
 * on, the rest is held to the tool-call grammar ({@code then}, which starts after the tag).
 */
public final class TriggeredConstraint implements TokenConstraint {
    private final TriggerMasks trigger;
    private final TokenVocabulary vocabulary;
    private final MatcherConstraint then;
    private int state;
    private boolean triggered;

    public TriggeredConstraint(TriggerMasks trigger, TokenVocabulary vocabulary, Matcher then) {
        this.trigger = trigger;
        this.vocabulary = vocabulary;
        this.then = new MatcherConstraint(then);
    }

    @Override
    public void fillMask(long[] mask) {
        if (triggered) then.fillMask(mask);
        else trigger.fill(state, mask);
    }

    @Override
    public boolean commit(int token) {
        if (triggered) return then.commit(token);
        if (vocabulary.isSpecial(token)) return true;
        state = trigger.advance(state, vocabulary.bytes(token));
        if (state == trigger.length()) triggered = true;
        return true;
    }

    /** Free text may end anywhere; a call once begun is steered to its end like any constrained output. */
    @Override
    public void steerToEnd(long[] mask, int tokensLeft) {
        if (triggered) then.steerToEnd(mask, tokensLeft);
    }

    @Override
    public boolean stopStringsApply() {
        return !triggered;
    }

    @Override
    public boolean isAccepting() {
        return !triggered || then.isAccepting();
    }

    @Override
    public boolean isFinished() {
        return triggered && then.isFinished();
    }

    /** Whether a tool call has begun. */
    public boolean triggered() {
        return triggered;
    }
}
