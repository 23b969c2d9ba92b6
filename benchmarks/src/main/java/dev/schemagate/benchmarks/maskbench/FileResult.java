package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one MaskBench file gave. {@code ttfmUs} is null and {@code tbm} empty unless the constraint compiled;
 * {@code error} is the compile error, the first exception of a step, or why the file timed out or crashed.
 */
public record FileResult(String file, FileStatus status, String error, Long ttfmUs, long tokens, int tests,
                         int validationErrors, int invalidationErrors, int stepExceptions, MicrosSamples tbm) {

    static final int MAX_ERROR_CHARS = 300;

    static FileResult notRun(String file, FileStatus status, int tests, String error) {
        return new FileResult(file, status, error, null, 0, tests, 0, 0, 0, new MicrosSamples());
    }

    /** True when the constraint compiled and its tests ran (to pass or fail). */
    public boolean ran() {
        return status == FileStatus.PASSING || status == FileStatus.FAILING;
    }

    /** "ExceptionName: message", cut to the length the python tool keeps. */
    static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
    }

    /** One line of the per-schema JSONL; same keys as the python tool's so runs of either can be diffed. */
    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("file", file);
        node.put("status", status.label());
        node.put("error", error);
        node.put("ttfm_us", ttfmUs);
        node.put("tokens", tokens);
        node.put("tests", tests);
        node.put("validation_error", validationErrors);
        node.put("invalidation_error", invalidationErrors);
        node.put("step_exception", stepExceptions);
        if (ran()) {
            node.put("tbm_max_us", tbm.max());
            // Where the TBM tail comes from: steps slower than the 1 ms p99 bar, per file.
            node.put("tbm_over_1ms", tbm.countAtLeast(1000));
        } else {
            node.putNull("tbm_max_us");
        }
        return node;
    }
}
