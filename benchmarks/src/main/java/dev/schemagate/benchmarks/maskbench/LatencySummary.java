package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Distribution of a set of microsecond samples, computed exactly as shared/tools/peers_maskbench.py does
 * (average truncated to an integer; percentile q is {@code sorted[min(n-1, int(q*n))]}) so figures compare.
 */
public record LatencySummary(long avg, int p25, int p50, int p75, int p90, int p95, int p99, int p99_9, int max) {

    public static LatencySummary of(MicrosSamples samples) {
        int[] sorted = samples.sorted();
        long sum = 0;
        for (int v : sorted) sum += v;
        long avg = sum / Math.max(1, sorted.length);
        return new LatencySummary(avg, percentile(sorted, .25), percentile(sorted, .5), percentile(sorted, .75),
                percentile(sorted, .9), percentile(sorted, .95), percentile(sorted, .99), percentile(sorted, .999),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    /** The python tool's percentile: 0 for no samples. */
    static int percentile(int[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("avg", avg);
        node.put("p25", p25);
        node.put("p50", p50);
        node.put("p75", p75);
        node.put("p90", p90);
        node.put("p95", p95);
        node.put("p99", p99);
        node.put("p99_9", p99_9);
        node.put("max", max);
        return node;
    }
}
