package dev.schemagate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.benchmarks.decode.DecodeSpeed;
import dev.schemagate.benchmarks.decode.LlamaCppBench;
import dev.schemagate.decoder.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bench-decode", mixinStandardHelpOptions = true,
        description = {"Measures prompt processing and generation speed on the CPU, like llama-bench (pp512, tg128),",
                "and with --vs-llamacpp llama.cpp's on the same GGUF and thread count in the same run."})
final class BenchDecodeCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = "--vs-llamacpp", description = "also run llama.cpp (node-llama-cpp, see scripts/install-llamacpp.sh)")
    boolean vsLlamaCpp;

    @Option(names = "--llamacpp-modules", paramLabel = "DIR", hidden = true,
            description = "node_modules holding node-llama-cpp (the launcher passes it)")
    Path llamaCppModules;

    @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "512", description = "prompt length (default: ${DEFAULT-VALUE})")
    int promptTokens;

    @Option(names = "--gen-tokens", paramLabel = "N", defaultValue = "128", description = "generated tokens (default: ${DEFAULT-VALUE})")
    int genTokens;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8", description = "sequences decoded together for the batch speed-up (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--reps", paramLabel = "N", defaultValue = "3", description = "repetitions after a warm-up; medians are reported (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--out", paramLabel = "FILE", description = "write the JSON summary here")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (promptTokens < 1 || genTokens < 1 || batch < 1 || reps < 1) {
            throw new UsageException("--prompt-tokens, --gen-tokens, --batch and --reps must be at least 1");
        }
        PrintStream err = System.err;
        Path modelPath = model.modelPath();
        int threads = model.threadCount();
        DecodeSpeed.Result ours;
        try (Model m = model.load(err)) {
            err.printf("schemagate: %d threads, pp%d, tg%d, batch %d, %d reps...%n", threads, promptTokens, genTokens, batch, reps);
            ours = new DecodeSpeed(m, promptTokens, genTokens, batch).measure(reps);
        }
        LlamaCppBench.Result theirs = null;
        if (vsLlamaCpp) {
            Path modules = llamaCppModules != null ? llamaCppModules : ModelOptions.cacheRoot().resolve("llamacpp").resolve("node_modules");
            Path script = Path.of(System.getProperty("schemagate.repo", ".")).resolve("benchmarks/llamacpp/reference.mjs");
            if (!Files.isDirectory(modules) || !Files.isRegularFile(script)) {
                throw new UsageException("llama.cpp is not installed (run scripts/install-llamacpp.sh) or " + script + " is missing");
            }
            err.println("llama.cpp: same model, " + threads + " threads...");
            theirs = new LlamaCppBench(script, modules).run(modelPath, threads, promptTokens, genTokens, batch, reps);
        }

        PrintStream o = System.out;
        o.printf("%nmodel %s, %d threads%n%n", modelPath.getFileName(), threads);
        o.println("| measure | schemagate tok/s | llama.cpp tok/s | ratio |");
        o.println("|---|--:|--:|--:|");
        row(o, "prompt processing (pp" + promptTokens + ")", ours.prefillTps(), theirs == null ? Double.NaN : theirs.prefillTps());
        row(o, "generation (tg" + genTokens + ")", ours.genTps(), theirs == null ? Double.NaN : theirs.genTps());
        row(o, "generation, " + batch + " sequences together (aggregate)", ours.batchGenTps(), theirs == null ? Double.NaN : theirs.batchGenTps());
        o.printf("%nbatch of %d over one sequence: schemagate %.2fx", batch, ours.batchGenTps() / ours.genTps());
        o.println(theirs == null ? "" : String.format(", llama.cpp %.2fx", theirs.batchGenTps() / theirs.genTps()));
        if (theirs != null) o.println("llama.cpp " + theirs.version() + " via node-llama-cpp");

        if (out != null) {
            ObjectNode json = new ObjectMapper().createObjectNode();
            json.put("gen_tps", ours.genTps());
            json.put("prefill_tps", ours.prefillTps());
            json.put("llamacpp_gen_tps", theirs == null ? null : theirs.genTps());
            json.put("llamacpp_prefill_tps", theirs == null ? null : theirs.prefillTps());
            json.put("gen_ratio", theirs == null ? null : ours.genTps() / theirs.genTps());
            json.put("prefill_ratio", theirs == null ? null : ours.prefillTps() / theirs.prefillTps());
            json.put("batch" + batch + "_speedup", ours.batchGenTps() / ours.genTps());
            json.put("batch" + batch + "_tps", ours.batchGenTps());
            json.put("llamacpp_batch" + batch + "_tps", theirs == null ? null : theirs.batchGenTps());
            json.put("llamacpp_batch" + batch + "_speedup", theirs == null ? null : theirs.batchGenTps() / theirs.genTps());
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), json);
            err.println("summary: " + out);
        }
        return 0;
    }

    private static void row(PrintStream o, String name, double ours, double theirs) {
        if (Double.isNaN(theirs)) o.printf("| %s | %.1f | | |%n", name, ours);
        else o.printf("| %s | %.1f | %.1f | %.2f |%n", name, ours, theirs, ours / theirs);
    }
}
