package dev.schemagate.gateway.tools;

import dev.schemagate.tokenizer.TokenVocabulary;
import java.nio.charset.StandardCharsets;

/**
 * Free text that switches to a constraint once it ends with a trigger ({@code <tool_call>}). The trigger is
 * followed with a KMP automaton over bytes; a state is how much of the trigger the text ends with. So the
 * switch happens exactly at a token boundary, a token that would complete the trigger before its own last
 * byte is masked out in that state: one precomputed mask per state, copied at each step.
 */
public final class TriggerMasks {
    private final byte[] trigger;
    private final int[] failure;
    private final long[][] allowed;

    public TriggerMasks(TokenVocabulary vocabulary, String trigger, int maskWords) {
        this.trigger = trigger.getBytes(StandardCharsets.UTF_8);
        this.failure = failureFunction(this.trigger);
        int m = this.trigger.length;
        this.allowed = new long[m][maskWords];
        for (int state = 0; state < m; state++) {
            long[] mask = allowed[state];
            for (int id = 0; id < vocabulary.size(); id++) {
                byte[] bytes = vocabulary.bytes(id);
                int completes = completesAt(state, bytes);
                if (vocabulary.isSpecial(id) || completes < 0 || completes == bytes.length) {
                    mask[id >>> 6] |= 1L << id;
                }
            }
        }
    }

    /** Copies the allowed tokens for {@code state} into {@code mask}. */
    public void fill(int state, long[] mask) {
        System.arraycopy(allowed[state], 0, mask, 0, mask.length);
    }

    /** The automaton state after {@code bytes}; {@link #length()} when the trigger was completed. */
    public int advance(int state, byte[] bytes) {
        for (byte b : bytes) {
            state = step(state, b);
            if (state == trigger.length) return state;
        }
        return state;
    }

    public int length() {
        return trigger.length;
    }

    /** Bytes of {@code bytes} consumed when the trigger completes from {@code state}, or -1 if it does not. */
    private int completesAt(int state, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            state = step(state, bytes[i]);
            if (state == trigger.length) return i + 1;
        }
        return -1;
    }

    private int step(int state, byte b) {
        while (state > 0 && trigger[state] != b) state = failure[state - 1];
        return trigger[state] == b ? state + 1 : 0;
    }

    private static int[] failureFunction(byte[] p) {
        int[] f = new int[p.length];
        for (int i = 1, k = 0; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) k = f[k - 1];
            if (p[i] == p[k]) k++;
            f[i] = k;
        }
        return f;
    }
}
