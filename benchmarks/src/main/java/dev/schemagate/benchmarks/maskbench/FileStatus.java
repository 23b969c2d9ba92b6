package dev.schemagate.benchmarks.maskbench;

/** Outcome of one MaskBench file; the names are the status strings of the per-schema JSONL. */
public enum FileStatus {
    PASSING("passing"),
    FAILING("failing"),
    COMPILE_ERROR("compile_error"),
    TIMEOUT("timeout"),
    /** The worker died of something other than an exception (e.g. out of memory). */
    CRASH("crash");

    private final String label;

    FileStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
