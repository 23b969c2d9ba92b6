package dev.schemagate.cli;

import dev.schemagate.benchmarks.maskbench.FileResult;
import dev.schemagate.benchmarks.maskbench.FileRunner;
import dev.schemagate.benchmarks.maskbench.FileSampler;
import dev.schemagate.benchmarks.maskbench.GrammarFrontEnd;
import dev.schemagate.benchmarks.maskbench.GrammarInputsRunner;
import dev.schemagate.benchmarks.maskbench.GrammarSyntax;
import dev.schemagate.benchmarks.maskbench.JsonSchemaFrontEnd;
import dev.schemagate.benchmarks.maskbench.MaskBench;
import dev.schemagate.benchmarks.maskbench.MaskBenchSummary;
import dev.schemagate.benchmarks.maskbench.WarmUp;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.tokenizer.BpeTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;

@Command(name = "maskbench", mixinStandardHelpOptions = true,
        description = {"Runs MaskBench files (shared/maskbench/README.md methodology) and prints the comparison table.",
                "With --grammar FILE --inputs DIR, measures a grammar on sample inputs (one per file, all valid) instead.",
                "Exit code 1 when an invalid instance was accepted."})
final class MaskBenchCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "MaskBench .json files, or folders of them (taken in name order)")
    List<Path> paths = List.of();

    @Option(names = "--grammar", paramLabel = "FILE", description = "measure this grammar on the files of --inputs instead of MaskBench files")
    Path grammar;

    @Option(names = "--syntax", paramLabel = "SYNTAX",
            description = "syntax of --grammar: gbnf, lark, regex, choice (a JSON array of strings) or jsonschema "
                    + "(default: from the extension: .gbnf, .lark, .regex, .json = jsonschema)")
    String syntax;

    @Option(names = "--inputs", paramLabel = "DIR", description = "sample inputs for --grammar: one per file, taken in name order, all expected valid")
    Path inputs;

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
        if (grammar != null || inputs != null) return runGrammar(options);
        if (paths.isEmpty()) throw new UsageException("give MaskBench files or folders, or --grammar FILE --inputs DIR");
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

    private int runGrammar(JsonSchemaOptions options) throws IOException {
        if (grammar == null || inputs == null) throw new UsageException("--grammar and --inputs go together");
        if (!paths.isEmpty()) throw new UsageException("--grammar measures one grammar: give no MaskBench paths with it");
        if (!Files.isRegularFile(grammar)) throw new UsageException("no such grammar file: " + grammar);
        if (!Files.isDirectory(inputs)) throw new UsageException("--inputs must be a folder: " + inputs);
        GrammarSyntax grammarSyntax = syntaxOf(grammar);
        List<Path> files;
        try (Stream<Path> listing = Files.list(inputs)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        if (limit != null) files = FileSampler.sample(files, limit, seed);
        if (files.isEmpty()) throw new UsageException("no input files in " + inputs);
        List<String> texts = new ArrayList<>();
        for (Path f : files) texts.add(Files.readString(f, StandardCharsets.UTF_8));
        String grammarText = Files.readString(grammar, StandardCharsets.UTF_8);

        PrintStream log = System.err;
        BpeTokenizer tok = tokenizer.load();
        MaskEngine engine = new MaskEngine(tok.vocabulary());
        log.println("maskbench: " + grammar.getFileName() + " (" + grammarSyntax.name().toLowerCase(Locale.ROOT) + ") on "
                + files.size() + " inputs; warming up");
        WarmUp.run(new FileRunner(new JsonSchemaFrontEnd(engine, options), tok, engine.maskWords()));
        warmUpFrontEnd(grammarSyntax, grammarText, options);
        GrammarInputsRunner runner = new GrammarInputsRunner(new GrammarFrontEnd(engine, grammarSyntax, options), tok, engine.maskWords());
        List<Integer> rejected = new ArrayList<>();
        FileResult result = runner.run(grammar.getFileName().toString(), grammarText, texts, rejected);
        MaskBenchSummary summary = GrammarInputsRunner.summary(result);

        System.out.print(summary.markdownTable());
        if (result.error() != null) log.println("error: " + result.error());
        for (int i = 0; i < Math.min(rejected.size(), 20); i++) log.println("rejected: " + files.get(rejected.get(i)));
        if (rejected.size() > 20) log.println("... and " + (rejected.size() - 20) + " more rejected inputs");
        if (out != null) {
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, summary.toJson().toPrettyString());
            Files.writeString(MaskBench.perSchemaPath(out), GrammarInputsRunner.jsonLine(result) + "\n");
            log.println("summary: " + out + ", per grammar: " + MaskBench.perSchemaPath(out));
        }
        return 0;
    }

    /** Runs the grammar's front end alone (no mask engine, whose caches TTFM must find cold) until the JIT has seen it. */
    private static void warmUpFrontEnd(GrammarSyntax syntax, String text, JsonSchemaOptions options) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 50 && System.nanoTime() < deadline; i++) {
            try {
                syntax.compile(text, options);
            } catch (GrammarException refused) {
                return;
            }
        }
    }

    private GrammarSyntax syntaxOf(Path file) {
        String name = syntax;
        if (name == null) {
            String fileName = file.getFileName().toString();
            name = fileName.substring(fileName.lastIndexOf('.') + 1);
            if (name.equals("json")) name = "jsonschema";
        }
        try {
            return GrammarSyntax.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown grammar syntax '" + name + "' (gbnf, lark, regex, choice, jsonschema); pass --syntax");
        }
    }
}
