package dev.schemagate.tokenizer;

import java.util.Arrays;

/**
 * Everything the mask engine knows of a model's tokenizer: each token id's raw bytes, which ids are special
 * (control tokens such as {@code <|eot_id|>}, never spelled by their text), and the ids that end a sequence.
 */
public final class TokenVocabulary {
    private final byte[][] tokenBytes;
    private final boolean[] special;
    private final int[] endOfSequence;

    public TokenVocabulary(byte[][] tokenBytes, boolean[] special, int[] endOfSequence) {
        if (special.length != tokenBytes.length) throw new IllegalArgumentException("special flags do not match vocabulary size");
        for (int id : endOfSequence) {
            if (id < 0 || id >= tokenBytes.length) throw new IllegalArgumentException("end-of-sequence id out of range: " + id);
        }
        this.tokenBytes = tokenBytes;
        this.special = special;
        this.endOfSequence = endOfSequence.clone();
    }

    /** Number of token ids; ids are 0..size()-1. */
    public int size() {
        return tokenBytes.length;
    }

    /** The raw bytes the token stands for (for a special token, its text). Do not modify. */
    public byte[] bytes(int id) {
        return tokenBytes[id];
    }

    public boolean isSpecial(int id) {
        return special[id];
    }

    /** Ids that end generation (e.g. Llama-3's 128001 and 128009). */
    public int[] endOfSequence() {
        return endOfSequence.clone();
    }

    @Override
    public String toString() {
        return "TokenVocabulary[size=" + size() + ", eos=" + Arrays.toString(endOfSequence) + "]";
    }
}
