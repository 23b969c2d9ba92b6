package dev.schemagate.benchmarks.testsuite;

/**
 * Outcome counts of one Test Suite file (or of all): tests that came out right, tests whose schema we
 * refused, tests that came out wrong, and tests skipped as outside what a constraint engine asserts.
 */
public record FileCounts(String file, int pass, int refuse, int fail, int skip) {

    public FileCounts plus(FileCounts other) {
        return new FileCounts(file, pass + other.pass, refuse + other.refuse, fail + other.fail, skip + other.skip);
    }

    public int total() {
        return pass + refuse + fail + skip;
    }
}
