package dev.schemagate.benchmarks.maskbench;

/** Running totals over the files of a run, as the python tool keeps them. */
final class MaskBenchTally {
    private int schemas, passing, compileError, timeout, validationError, invalidationError, crash;
    private long tokens;
    private final MicrosSamples tbm = new MicrosSamples();
    private final MicrosSamples ttfm = new MicrosSamples();

    void add(FileResult r) {
        schemas++;
        switch (r.status()) {
            case COMPILE_ERROR -> compileError++;
            case TIMEOUT -> timeout++;
            case CRASH -> crash++;
            case PASSING, FAILING -> {
                ttfm.add(r.ttfmUs());
                tbm.addAll(r.tbm());
                tokens += r.tokens();
                validationError += r.validationErrors();
                invalidationError += r.invalidationErrors();
                if (r.status() == FileStatus.PASSING) passing++;
            }
        }
    }

    MaskBenchSummary summary() {
        return new MaskBenchSummary(schemas, passing, compileError, timeout, validationError, invalidationError, tokens,
                crash, LatencySummary.of(tbm), LatencySummary.of(ttfm));
    }

    /** The counts only, for progress lines (sorting the samples there would cost more than the files). */
    String progress() {
        return String.format("{\"schemas\": %d, \"passing\": %d, \"compile_error\": %d, \"timeout\": %d, "
                        + "\"validation_error\": %d, \"invalidation_error\": %d, \"tokens\": %d}",
                schemas, passing, compileError, timeout, validationError, invalidationError, tokens);
    }
}
