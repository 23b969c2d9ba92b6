package dev.schemagate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.decoder.Model;
import dev.schemagate.decoder.chat.ChatMessage;
import dev.schemagate.decoder.generate.FinishReason;
import dev.schemagate.decoder.generate.GenerationResult;
import dev.schemagate.decoder.generate.GenerationSettings;
import dev.schemagate.decoder.generate.Generator;
import dev.schemagate.decoder.generate.MatcherConstraint;
import dev.schemagate.decoder.generate.TokenConstraint;
import dev.schemagate.decoder.sampling.SamplingParams;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.validate.InstanceValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates text with a GGUF model on the CPU, streaming it to stdout.",
                "With --json-schema the output is constrained to the schema and validated afterwards;",
                "exit code 1 when it is incomplete (cut by --max-tokens) or invalid."})
final class GenerateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ModelOptions model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the prompt (the user message with --chat)")
    String prompt;

    @Option(names = "--chat", description = "wrap the prompt in the model's chat template as a user message")
    boolean chat;

    @Option(names = "--system", paramLabel = "TEXT", description = "a system message (with --chat)")
    String system;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256", description = "most tokens to generate (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "0 is greedy (default: ${DEFAULT-VALUE})")
    float temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "40", description = "0 disables (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "0.95", description = "1 disables (default: ${DEFAULT-VALUE})")
    float topP;

    @Option(names = "--min-p", paramLabel = "P", defaultValue = "0.05", description = "0 disables (default: ${DEFAULT-VALUE})")
    float minP;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: random)")
    Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "stop before this text (repeatable)")
    List<String> stop = new ArrayList<>();

    @Option(names = "--json-schema", paramLabel = "FILE", description = "constrain the output to this JSON Schema")
    Path jsonSchema;

    @Option(names = "--json-whitespace", paramLabel = "N", defaultValue = "0",
            description = "longest whitespace run allowed between JSON tokens; -1 for any (default: ${DEFAULT-VALUE}, compact)")
    int jsonWhitespace;

    @Option(names = "--context", paramLabel = "N", defaultValue = "4096", description = "most tokens of prompt plus output (default: ${DEFAULT-VALUE})")
    int context;

    @Override
    public Integer call() throws IOException {
        if (maxTokens < 1) throw new UsageException("--max-tokens must be at least 1");
        if (system != null && !chat) throw new UsageException("--system needs --chat");
        SamplingParams sampling;
        try {
            sampling = new SamplingParams(temperature, topK, topP, minP, seed != null ? seed : System.nanoTime());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        JsonNode schema = jsonSchema != null ? readSchema(jsonSchema) : null;
        PrintStream err = System.err;

        try (Model m = model.load(err)) {
            TokenConstraint constraint = null;
            if (schema != null) {
                long start = System.nanoTime();
                try {
                    MaskEngine engine = new MaskEngine(m.tokenizer().vocabulary());
                    constraint = new MatcherConstraint(engine.compile(JsonSchemaCompiler.compile(schema, whitespace())).matcher());
                } catch (GrammarException e) {
                    throw new UsageException("cannot enforce " + jsonSchema + ": " + e.getMessage());
                }
                err.printf("schema compiled in %.1f ms%n", (System.nanoTime() - start) / 1e6);
            }
            int[] tokens = encodePrompt(m);
            if (tokens.length + maxTokens > context) {
                throw new UsageException("prompt (" + tokens.length + " tokens) plus --max-tokens " + maxTokens + " exceed --context " + context);
            }
            // Prompt chunks as wide as llama.cpp's batch, so long prompts take the same attention kernel and match it.
            Generator generator = new Generator(m.newTransformer(512, context), m.tokenizer().vocabulary());
            PrintStream out = System.out;
            GenerationResult result = generator.generate(tokens, new GenerationSettings(maxTokens, sampling, stop), constraint, delta -> {
                out.print(delta);
                out.flush();
            });
            out.println();
            double decodeSeconds = result.decodeNanos() / 1e9;
            err.printf("%d prompt tokens in %.0f ms (%.1f tok/s); %d tokens generated at %.1f tok/s; finish: %s%n",
                    result.promptTokens(), result.prefillNanos() / 1e6, result.promptTokens() / (result.prefillNanos() / 1e9),
                    result.tokens().length, Math.max(0, result.tokens().length - 1) / Math.max(decodeSeconds, 1e-9),
                    result.finishReason().name().toLowerCase());
            return schema == null ? 0 : checkAgainstSchema(schema, result, err);
        }
    }

    private JsonSchemaOptions whitespace() {
        if (jsonWhitespace < -1) throw new UsageException("--json-whitespace must be -1 or more");
        return new JsonSchemaOptions(jsonWhitespace);
    }

    private int[] encodePrompt(Model m) {
        if (!chat) {
            int[] ids = m.tokenizer().encode(prompt);
            if (m.tokenizer().addBos() && m.tokenizer().bos().isPresent()) {
                int[] withBos = new int[ids.length + 1];
                withBos[0] = m.tokenizer().bos().getAsInt();
                System.arraycopy(ids, 0, withBos, 1, ids.length);
                return withBos;
            }
            return ids;
        }
        var template = m.chatTemplate().orElseThrow(() -> new UsageException("the model has no chat template; drop --chat"));
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) messages.add(new ChatMessage("system", system));
        messages.add(new ChatMessage("user", prompt));
        return m.tokenizer().encode(template.render(messages, true));
    }

    private static int checkAgainstSchema(JsonNode schema, GenerationResult result, PrintStream err) {
        if (result.finishReason() == FinishReason.LENGTH && !result.accepted()) {
            err.println("error: the output was cut by --max-tokens before the JSON was complete");
            return 1;
        }
        List<String> problems;
        try {
            problems = new InstanceValidator(schema).validate(JSON.readTree(result.text()));
        } catch (IOException e) {
            err.println("error: the output is not JSON: " + e.getMessage());
            return 1;
        }
        if (!problems.isEmpty()) {
            err.println("error: the output does not validate: " + String.join("; ", problems));
            return 1;
        }
        err.println("output validates against the schema (networknt)");
        return 0;
    }

    private static JsonNode readSchema(Path file) {
        if (!Files.isRegularFile(file)) throw new UsageException("no such schema file: " + file);
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UsageException("schema " + file + " is not JSON: " + e.getMessage());
        }
    }
}
