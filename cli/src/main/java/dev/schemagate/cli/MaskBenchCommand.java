package dev.schemagate.cli;

import dev.schemagate.benchmarks.maskbench.FileRunner;
import dev.schemagate.benchmarks.maskbench.FileSampler;
import dev.schemagate.benchmarks.maskbench.JsonSchemaFrontEnd;
import dev.schemagate.benchmarks.maskbench.MaskBench;
import dev.schemagate.benchmarks.maskbench.MaskBenchSummary;
import dev.schemagate.benchmarks.maskbench.WarmUp;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.tokenizer.BpeTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "maskbench", mixinStandardHelpOptions = true,
        description = {"Runs MaskBench files (shared/maskbench/README.md methodology) and prints the comparison table.",
                "Exit code 1 when an invalid instance was accepted."})
final class MaskBenchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "MaskBench .json files, or folders of them (taken in name order)")
    List<Path> paths;

    @Option(names = "--out", paramLabel = "FILE", description = "write the JSON summary here and per-schema lines to FILE.per-schema.jsonl")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "run a deterministic sample of N files (see --seed)")
    Integer limit;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the --limit sample (default: ${DEFAULT-VALUE})", defaultValue = "0")
    long seed;

    @Option(names = "--timeout-s", paramLabel = "T", description = "wall-clock limit per schema, seconds (default: ${DEFAULT-VALUE})", defaultValue = "60")
    double timeoutSeconds;

    @Mixin
    TokenizerOption tokenizer;

    @Mixin
    WhitespaceOptions whitespace;

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 1) throw new UsageException("--limit must be at least 1");
        if (!(timeoutSeconds > 0)) throw new UsageException("--timeout-s must be positive");
        JsonSchemaOptions options = whitespace.options();
        for (Path path : paths) {
            if (!Files.exists(path)) throw new UsageException("no such file or folder: " + path);
        }
        List<Path> files;
        try {
            files = MaskBench.collectFiles(paths);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (limit != null) files = FileSampler.sample(files, limit, seed);
        if (files.isEmpty()) throw new UsageException("no .json files in " + paths);
        if (out != null && out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());

        PrintStream log = System.err;
        BpeTokenizer tok = tokenizer.load();
        MaskEngine engine = new MaskEngine(tok.vocabulary());
        JsonSchemaFrontEnd frontEnd = new JsonSchemaFrontEnd(engine, options);
        Supplier<FileRunner> runners = () -> new FileRunner(frontEnd, tok, engine.maskWords());
        log.println("maskbench: " + files.size() + " files; warming up");
        WarmUp.run(runners.get());
        MaskBenchSummary summary = new MaskBench(runners, timeoutSeconds, log).run(files, out);

        System.out.print(summary.markdownTable());
        if (out != null) log.println("summary: " + out + ", per schema: " + MaskBench.perSchemaPath(out));
        if (summary.invalidationError() > 0) {
            log.println("error: " + summary.invalidationError() + " invalid instances were accepted");
            return 1;
        }
        return 0;
    }
}
