package dev.schemagate.cli;

import dev.schemagate.tokenizer.BpeTokenizer;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --tokenizer}: the Llama-3 tokenizer.json, by default the one scripts/fetch-tokenizer.sh caches. */
final class TokenizerOption {
    @Option(names = "--tokenizer", paramLabel = "PATH",
            description = "tokenizer.json (default: $SCHEMAGATE_CACHE or ~/.cache/schemagate, then tokenizers/llama3/tokenizer.json)")
    Path path;

    BpeTokenizer load() throws IOException {
        Path file = path != null ? path : defaultPath();
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no tokenizer at " + file + (path != null ? ""
                    : " (fetch it with scripts/fetch-tokenizer.sh llama3, or pass --tokenizer PATH)"));
        }
        return BpeTokenizer.load(file);
    }

    static Path defaultPath() {
        String cache = System.getenv("SCHEMAGATE_CACHE");
        Path root = cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "schemagate");
        return root.resolve("tokenizers").resolve("llama3").resolve("tokenizer.json");
    }
}
