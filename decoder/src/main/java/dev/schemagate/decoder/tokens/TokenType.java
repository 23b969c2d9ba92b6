package dev.schemagate.decoder.tokens;

/** The kinds of token in {@code tokenizer.ggml.token_type}, numbered as llama.cpp's {@code llama_token_type}. */
enum TokenType {
    UNDEFINED, NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE;

    /** Ids outside the table count as undefined, as llama.cpp reads them. */
    static TokenType of(int id) {
        return id > 0 && id < values().length ? values()[id] : UNDEFINED;
    }

    /** Matched in the raw text before the model's own encoding runs (llama.cpp's special-token partition). */
    boolean matchedInText() {
        return this == CONTROL || this == USER_DEFINED || this == UNKNOWN;
    }

    /** Never produced by encoding ordinary text, so the mask engine must treat it as special. */
    boolean special() {
        return this == CONTROL || this == UNKNOWN || this == UNUSED;
    }
}
