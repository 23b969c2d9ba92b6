package dev.schemagate.benchmarks.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * llama.cpp's side of bench-decode: benchmarks/llamacpp/reference.mjs (node-llama-cpp's prebuilt CPU library)
 * run on the same GGUF with the same thread count, prompt and generation lengths.
 */
public final class LlamaCppBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final Path nodeModules;

    /** @param nodeModules where scripts/install-llamacpp.sh installed node-llama-cpp */
    public LlamaCppBench(Path script, Path nodeModules) {
        this.script = script;
        this.nodeModules = nodeModules;
    }

    /**
     * Median prompt-processing and generation tokens per second, the aggregate generation tokens per second of a batch of
     * sequences decoded together, and llama.cpp's version.
     */
    public record Result(double prefillTps, double genTps, double batchGenTps, String version) {
    }

    public Result run(Path model, int threads, int promptTokens, int genTokens, int batch, int reps) throws IOException, InterruptedException {
        Path out = Files.createTempFile("llamacpp-bench", ".json");
        try {
            List<String> command = new ArrayList<>(List.of("node", script.toString(), "bench",
                    "--model", model.toString(), "--threads", Integer.toString(threads),
                    "--prompt-tokens", Integer.toString(promptTokens), "--gen-tokens", Integer.toString(genTokens),
                    "--batch", Integer.toString(batch), "--reps", Integer.toString(reps), "--modules", nodeModules.toString(), "--out", out.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            // Each libuv pool thread would start its own OpenMP team and halve llama.cpp's speed on 2 cores.
            builder.environment().put("UV_THREADPOOL_SIZE", "1");
            int exit = builder.start().waitFor();
            if (exit != 0) throw new IOException("llama.cpp benchmark failed (exit " + exit + "): " + String.join(" ", command));
            JsonNode report = JSON.readTree(out.toFile());
            return new Result(report.path("prefill_tps").asDouble(), report.path("gen_tps").asDouble(),
                    report.path("batch_gen_tps").asDouble(), report.path("llamacpp_version").asText());
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
