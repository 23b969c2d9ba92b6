package dev.schemagate.tokenizer;

/** A tokenizer.json uses a feature this loader cannot reproduce exactly, so it refuses rather than approximate. */
public final class UnsupportedTokenizerException extends RuntimeException {
    public UnsupportedTokenizerException(String message) {
        super(message);
    }

    public UnsupportedTokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
