package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * The MaskBench report: the summary keys of shared/tools/peers_maskbench.py ({@code crash} only when some
 * worker crashed, as there) and the markdown table of shared/maskbench/README.md.
 */
public record MaskBenchSummary(int schemas, int passing, int compileError, int timeout, int validationError,
                               int invalidationError, long tokens, int crash, LatencySummary tbmUs,
                               LatencySummary ttfmUs) {

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("schemas", schemas);
        node.put("passing", passing);
        node.put("compile_error", compileError);
        node.put("timeout", timeout);
        node.put("validation_error", validationError);
        node.put("invalidation_error", invalidationError);
        node.put("tokens", tokens);
        if (crash > 0) node.put("crash", crash);
        node.set("tbm_us", tbmUs.toJson());
        node.set("ttfm_us", ttfmUs.toJson());
        return node;
    }

    /** The README's comparison table with one column, {@code schemagate}. */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| metric | schemagate |\n|---|--:|\n");
        latencyRows(table, "TBM", tbmUs);
        latencyRows(table, "TTFM", ttfmUs);
        row(table, "tokens", tokens);
        row(table, "schemas", schemas);
        row(table, "passing", passing);
        row(table, "compile error", compileError);
        row(table, "timeout", timeout);
        row(table, "validation error", validationError);
        row(table, "invalidation error", invalidationError);
        if (crash > 0) row(table, "crash", crash);
        return table.toString();
    }

    private static void latencyRows(StringBuilder table, String name, LatencySummary s) {
        row(table, name + " avg µs", s.avg());
        row(table, name + " p25 µs", s.p25());
        row(table, name + " p50 µs", s.p50());
        row(table, name + " p75 µs", s.p75());
        row(table, name + " p90 µs", s.p90());
        row(table, name + " p95 µs", s.p95());
        row(table, name + " p99 µs", s.p99());
        row(table, name + " p99.9 µs", s.p99_9());
        row(table, name + " max µs", s.max());
    }

    private static void row(StringBuilder table, String metric, long value) {
        table.append("| ").append(metric).append(" | ").append(String.format(Locale.ROOT, "%,d", value)).append(" |\n");
    }
}
