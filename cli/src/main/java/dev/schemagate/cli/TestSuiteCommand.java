package dev.schemagate.cli;

import dev.schemagate.benchmarks.testsuite.FileCounts;
import dev.schemagate.benchmarks.testsuite.SchemaTestSuite;
import dev.schemagate.benchmarks.testsuite.SuiteResult;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.tokenizer.BpeTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "test-suite", mixinStandardHelpOptions = true,
        description = {"Runs the JSON Schema Test Suite (draft7, draft2020-12, optional included) through the mask engine.",
                "Prints pass/refuse/fail/skip per file and every failing case; exit code 1 when any case failed."})
final class TestSuiteCommand implements Callable<Integer> {
    @Option(names = "--suite", paramLabel = "DIR",
            description = "the suite checkout (default: <schemagate.shared>/json-schema-test-suite, else ../shared/json-schema-test-suite)")
    Path suite;

    @Mixin
    TokenizerOption tokenizer;

    @Override
    public Integer call() throws Exception {
        Path root = suite != null ? suite : Path.of(System.getProperty("schemagate.shared", "../shared"), "json-schema-test-suite");
        if (!Files.isDirectory(root.resolve("tests"))) throw new UsageException("no JSON Schema Test Suite at " + root);
        BpeTokenizer tok = tokenizer.load();
        SuiteResult result = new SchemaTestSuite(new MaskEngine(tok.vocabulary()), tok, JsonSchemaOptions.DEFAULT).run(root);

        System.out.printf("%-55s %6s %6s %6s %6s%n", "file", "pass", "refuse", "fail", "skip");
        for (FileCounts c : result.files()) print(c);
        print(result.total());
        if (!result.failures().isEmpty()) {
            System.out.println();
            System.out.println("failures:");
            result.failures().forEach(System.out::println);
        }
        return result.total().fail() == 0 ? 0 : 1;
    }

    private static void print(FileCounts c) {
        System.out.printf("%-55s %6d %6d %6d %6d%n", c.file(), c.pass(), c.refuse(), c.fail(), c.skip());
    }
}
