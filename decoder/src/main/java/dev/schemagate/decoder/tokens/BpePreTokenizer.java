package dev.schemagate.decoder.tokens;

import dev.schemagate.tokenizer.UnsupportedTokenizerException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The pre-tokenizers a GGUF file names in {@code tokenizer.ggml.pre}, as llama.cpp's llama-vocab.cpp defines them:
 * regexes applied in turn (each keeps the text between matches as pieces too), whether a piece that is a whole
 * vocabulary token skips merging, and whether a BOS is added when the file does not say.
 */
record BpePreTokenizer(List<String> splitPatterns, boolean ignoreMerges, boolean addBosByDefault) {
    private static final String GPT2 =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    private static final String LLAMA3 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final BpePreTokenizer LLAMA3_TYPE = new BpePreTokenizer(List.of(LLAMA3), true, true);
    private static final BpePreTokenizer QWEN2_TYPE = new BpePreTokenizer(List.of(QWEN2), false, false);
    private static final BpePreTokenizer SMOLLM_TYPE = new BpePreTokenizer(List.of("\\p{N}", GPT2), false, false);
    private static final BpePreTokenizer GPT2_TYPE = new BpePreTokenizer(List.of(GPT2), false, false);

    /** llama.cpp's names for each supported type; "gpt2" is accepted beside llama.cpp's own "gpt-2". */
    private static final Map<String, BpePreTokenizer> BY_NAME = Map.of(
            "llama-bpe", LLAMA3_TYPE, "llama3", LLAMA3_TYPE, "llama-v3", LLAMA3_TYPE,
            "qwen2", QWEN2_TYPE, "deepseek-r1-qwen", QWEN2_TYPE,
            "smollm", SMOLLM_TYPE,
            "gpt-2", GPT2_TYPE, "gpt2", GPT2_TYPE);

    BpePreTokenizer {
        splitPatterns = List.copyOf(splitPatterns);
    }

    static BpePreTokenizer named(String name) {
        BpePreTokenizer type = BY_NAME.get(name);
        if (type == null) {
            throw new UnsupportedTokenizerException("pre-tokenizer \"" + name + "\" (tokenizer.ggml.pre) is not supported; "
                    + "supported: " + String.join(", ", new TreeSet<>(BY_NAME.keySet())));
        }
        return type;
    }
}
