package dev.schemagate.cli;

import dev.schemagate.decoder.Model;
import dev.schemagate.decoder.model.LoadProgress;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --model} and {@code --threads}, and loading the model with a progress bar. */
final class ModelOptions {
    static final String DEFAULT_MODEL = "SmolLM2-135M-Instruct.Q4_1.gguf";

    @Option(names = "--model", paramLabel = "PATH",
            description = "GGUF model file (default: the cached " + DEFAULT_MODEL + ", fetched by scripts/fetch-model.sh)")
    Path path;

    @Option(names = "--threads", paramLabel = "N", description = "threads per forward pass (default: the number of cores)")
    Integer threads;

    int threadCount() {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) throw new UsageException("--threads must be at least 1");
        return n;
    }

    Path modelPath() {
        Path file = path != null ? path : defaultPath();
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no model at " + file + (path != null ? "" : " (fetch it with scripts/fetch-model.sh)"));
        }
        return file;
    }

    Model load(PrintStream progressOut) throws IOException {
        return Model.load(modelPath(), threadCount(), progressBar(progressOut));
    }

    /** A progress bar for loading the model, cleared when the last layer is in. */
    LoadProgress progressBar(PrintStream out) {
        ProgressBar bar = new ProgressBar(out, "loading " + modelPath().getFileName());
        return (done, total) -> {
            bar.update(done, total);
            if (done == total) bar.done();
        };
    }

    static Path defaultPath() {
        return cacheRoot().resolve("models").resolve(DEFAULT_MODEL);
    }

    /** $SCHEMAGATE_CACHE, or ~/.cache/schemagate. */
    static Path cacheRoot() {
        String cache = System.getenv("SCHEMAGATE_CACHE");
        return cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "schemagate");
    }

    /** One line on stderr redrawn in place while the layers are repacked. */
    private record ProgressBar(PrintStream out, String label) {
        private static final int WIDTH = 30;

        void update(int done, int total) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " layers");
            out.flush();
        }

        void done() {
            out.print("\r" + " ".repeat(label.length() + WIDTH + 20) + "\r");
            out.flush();
        }
    }
}
