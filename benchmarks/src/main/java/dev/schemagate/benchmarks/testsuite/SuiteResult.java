package dev.schemagate.benchmarks.testsuite;

import java.util.List;

/** Counts per Test Suite file, in run order, and every failing case. */
public record SuiteResult(List<FileCounts> files, List<Failure> failures) {
    public SuiteResult {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
    }

    public FileCounts total() {
        FileCounts total = new FileCounts("total", 0, 0, 0, 0);
        for (FileCounts counts : files) total = total.plus(counts);
        return total;
    }
}
