package dev.schemagate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.benchmarks.serve.ServeBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./schemagate bench-serve}: concurrent streaming clients, constrained and not, over HTTP. */
@Command(name = "bench-serve", mixinStandardHelpOptions = true,
        description = "Concurrent streaming clients over HTTP: aggregate tok/s, TTFT and TPOT, constrained vs unconstrained.")
final class BenchServeCommand implements Callable<Integer> {
    @Mixin
    BenchServer target = new BenchServer();

    @Option(names = "--concurrency", paramLabel = "C", description = "clients at once (default ${DEFAULT-VALUE})")
    int concurrency = 8;

    @Option(names = "--requests", paramLabel = "N", description = "requests per pass (default: 2 x concurrency)")
    Integer requests;

    @Option(names = "--constraint", paramLabel = "FILE", description = "JSON Schema for response_format (default: examples/person.schema.json)")
    Path constraint;

    @Option(names = "--max-tokens", paramLabel = "N", description = "per request (default ${DEFAULT-VALUE})")
    int maxTokens = 64;

    @Option(names = "--no-unconstrained", description = "skip the unconstrained pass")
    boolean skipFree;

    @Option(names = "--out", paramLabel = "FILE", description = "write the JSON summary here")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1) throw new UsageException("--concurrency must be at least 1");
        int n = requests != null ? requests : 2 * concurrency;
        if (n < 1) throw new UsageException("--requests must be at least 1");
        Path schemaFile = constraint != null ? constraint : Path.of(System.getProperty("schemagate.repo", "."), "examples", "person.schema.json");
        if (!Files.isRegularFile(schemaFile)) throw new UsageException("no constraint file " + schemaFile);
        ObjectMapper json = new ObjectMapper();
        JsonNode schema = json.readTree(Files.readString(schemaFile));
        try (BenchServer.Running server = target.start()) {
            // Warm-up, as a server that has run a while: the JIT, the compiled constraint and the lexer states its
            // outputs pass through (an e-mail's first outputs meet a new lexer state, a whole-vocabulary walk, at
            // most tokens). Whole outputs of other prompts and seeds (indices past the measured ones), so neither the
            // prefix cache nor a repeated output helps the measured requests.
            int warmUp = 16;
            ServeBench.run(server.base(), server.modelId(), Math.min(concurrency, 4), n, warmUp, schema, maxTokens);
            ServeBench.Pass[] passes = skipFree
                    ? new ServeBench.Pass[] {ServeBench.run(server.base(), server.modelId(), concurrency, 0, n, schema, maxTokens), null}
                    : ServeBench.compare(server.base(), server.modelId(), concurrency, n, schema, maxTokens);
            ServeBench.Pass constrained = passes[0];
            ServeBench.Pass free = passes[1];
            ServeBench.print(System.out, concurrency, constrained, free);
            ObjectNode summary = ServeBench.summary(concurrency, constrained, free);
            System.out.println(summary);
            if (out != null) Files.writeString(out, json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
            return constrained.errors() + (free == null ? 0 : free.errors()) == 0 ? 0 : 1;
        }
    }
}
