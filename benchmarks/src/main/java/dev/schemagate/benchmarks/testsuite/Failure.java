package dev.schemagate.benchmarks.testsuite;

/** One Test Suite case that came out wrong, with what we did instead. */
public record Failure(String file, String group, String test, boolean valid, String detail) {
    @Override
    public String toString() {
        return file + " | " + group + " | " + test + " (valid=" + valid + "): " + detail;
    }
}
