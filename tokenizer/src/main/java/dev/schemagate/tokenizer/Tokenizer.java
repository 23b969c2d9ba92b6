package dev.schemagate.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Text to token ids and back for one model. {@link #encode} reads special and control tokens written in the text
 * (such as {@code <|im_end|>}) as their ids and adds no BOS; callers prepend {@link #bos()} when {@link #addBos()}.
 * Implementations are safe to share between threads.
 */
public interface Tokenizer {

    /** Token ids for {@code text}; control tokens spelled in the text become their ids. */
    int[] encode(String text);

    /** Each token's bytes, which tokens are special, and the ids that end generation. */
    TokenVocabulary vocabulary();

    /** The beginning-of-sequence token, if the model has one. */
    OptionalInt bos();

    /** Whether a prompt should start with {@link #bos()}. */
    boolean addBos();

    /** Ids that end generation, ascending. */
    default int[] eos() {
        return vocabulary().endOfSequence();
    }

    /** The raw bytes of one token: a piece of UTF-8 that may end inside a character. */
    default byte[] decodeBytes(int id) {
        TokenVocabulary vocabulary = vocabulary();
        if (id < 0 || id >= vocabulary.size()) throw new IllegalArgumentException("token id out of range: " + id);
        return vocabulary.bytes(id).clone();
    }

    /** The text of the ids' bytes; byte sequences that are not valid UTF-8 become U+FFFD. */
    default String decode(int[] ids) {
        TokenVocabulary vocabulary = vocabulary();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 0 || id >= vocabulary.size()) throw new IllegalArgumentException("token id out of range: " + id);
            bytes.writeBytes(vocabulary.bytes(id));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
