package dev.schemagate.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build puts ../shared and the fetched tokenizer (system properties set by the parent pom). */
public final class SharedAssets {
    private SharedAssets() {}

    public static Path shared() {
        return existing(Path.of(property("schemagate.shared")), "shared data folder");
    }

    public static Path llama3Tokenizer() {
        return existing(Path.of(property("schemagate.cache"), "tokenizers", "llama3", "tokenizer.json"),
                "Llama-3 tokenizer (run scripts/fetch-tokenizer.sh llama3)");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) throw new IllegalStateException("system property " + name + " is not set (run through Maven)");
        return value;
    }

    private static Path existing(Path path, String what) {
        if (!Files.exists(path)) throw new IllegalStateException(what + " not found at " + path);
        return path;
    }
}
