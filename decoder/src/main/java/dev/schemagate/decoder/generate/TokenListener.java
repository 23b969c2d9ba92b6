package dev.schemagate.decoder.generate;

/** Hears generated text as it becomes final (complete UTF-8, not part of a possible stop string). */
@FunctionalInterface
public interface TokenListener {
    void onText(String delta);
}
