package dev.schemagate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.benchmarks.maskbench.FileSampler;
import dev.schemagate.benchmarks.serve.GenerateBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./schemagate bench-generate}: a JSONSchemaBench-style run through the HTTP API. */
@Command(name = "bench-generate", mixinStandardHelpOptions = true,
        description = "For each schema, ask the server for an instance and validate it with networknt.")
final class BenchGenerateCommand implements Callable<Integer> {
    @Mixin
    BenchServer target = new BenchServer();

    @Option(names = "--schemas", paramLabel = "DIR", required = true, description = "folder of MaskBench files ({\"schema\", ...})")
    Path schemas;

    @Option(names = "--limit", paramLabel = "N", description = "deterministic sample of N files (default ${DEFAULT-VALUE})")
    int limit = 50;

    @Option(names = "--seed", paramLabel = "S", description = "sample and sampling seed (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--concurrency", paramLabel = "C", description = "requests at once (default ${DEFAULT-VALUE})")
    int concurrency = 8;

    @Option(names = "--max-tokens", paramLabel = "N", description = "per request (default ${DEFAULT-VALUE})")
    int maxTokens = 256;

    @Option(names = "--out", paramLabel = "FILE", description = "write the JSON summary here")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(schemas)) throw new UsageException("--schemas " + schemas + " is not a folder");
        List<Path> files;
        try (Stream<Path> list = Files.list(schemas)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        files = FileSampler.sample(files, limit, seed);
        try (BenchServer.Running server = target.start()) {
            List<GenerateBench.Result> results = GenerateBench.run(server.base(), server.modelId(), files, concurrency, maxTokens, seed);
            GenerateBench.print(System.out, results);
            ObjectNode summary = GenerateBench.summary(results);
            System.out.println(summary);
            if (out != null) Files.writeString(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
            return summary.get("invalid").asInt() == 0 && summary.get("errors").asInt() == 0 ? 0 : 1;
        }
    }
}
