package dev.schemagate.tokenizer;

/**
 * A token matched on the raw text before the BPE model sees it, as listed in tokenizer.json's
 * {@code added_tokens}: control tokens such as {@code <|eot_id|>} and extra non-special ones such as Qwen's
 * {@code <tool_call>}.
 */
record AddedToken(int id, String content, boolean special, boolean singleWord, boolean lstrip, boolean rstrip,
                  boolean normalized) {
    AddedToken {
        if (content.isEmpty()) throw new UnsupportedTokenizerException("added token " + id + " has empty content");
    }
}
