package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.schemas.instance.PythonJson;
import dev.schemagate.tokenizer.BpeTokenizer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The per-file MaskBench procedure of shared/maskbench/README.md, single-threaded: time the compile to a ready
 * matcher (TTFM), then walk every test instance token by token, timing mask + check + commit (TBM).
 * Not thread-safe: one runner per measuring thread.
 */
public final class FileRunner {
    private final ConstraintFrontEnd frontEnd;
    private final BpeTokenizer tokenizer;
    /** Reused for every step: the measured loop allocates nothing per token. */
    private final long[] mask;

    public FileRunner(ConstraintFrontEnd frontEnd, BpeTokenizer tokenizer, int maskWords) {
        this.frontEnd = frontEnd;
        this.tokenizer = tokenizer;
        this.mask = new long[maskWords];
    }

    /** Reads the file (not timed) and runs it. */
    public FileResult run(Path file) throws IOException {
        return run(file.getFileName().toString(), PythonJson.MAPPER.readTree(file.toFile()));
    }

    /** Runs one MaskBench document {@code {"schema": ..., "tests": [{"valid", "data"}, ...]}}. */
    public FileResult run(String name, JsonNode document) {
        JsonNode tests = document.path("tests");
        long start = System.nanoTime();
        Matcher matcher;
        try {
            CompiledConstraint constraint = frontEnd.compile(document.path("schema"));
            matcher = constraint.matcher();
        } catch (RuntimeException | StackOverflowError e) {
            return FileResult.notRun(name, FileStatus.COMPILE_ERROR, tests.size(), FileResult.describe(e));
        }
        long ttfmUs = (System.nanoTime() - start) / 1000;

        MicrosSamples tbm = new MicrosSamples();
        int validationErrors = 0, invalidationErrors = 0;
        InstanceWalk walk = new InstanceWalk(matcher, mask, tbm);
        boolean first = true;
        for (JsonNode test : tests) {
            if (!first) matcher.reset();
            first = false;
            boolean accepted = walk.accepts(tokenizer.encode(PythonJson.dumps(test.path("data"))));
            boolean valid = test.path("valid").asBoolean();
            if (accepted != valid) {
                if (valid) validationErrors++;
                else invalidationErrors++;
            }
        }
        FileStatus status = validationErrors + invalidationErrors == 0 ? FileStatus.PASSING : FileStatus.FAILING;
        return new FileResult(name, status, walk.error, ttfmUs, walk.tokens, tests.size(), validationErrors, invalidationErrors,
                walk.stepExceptions, tbm);
    }
}
