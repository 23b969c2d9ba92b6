package dev.schemagate.benchmarks.maskbench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencySummaryTest {

    private static MicrosSamples samples(int... values) {
        MicrosSamples samples = new MicrosSamples();
        for (int v : values) samples.add(v);
        return samples;
    }

    @Test
    void tenSamplesGiveThePythonToolsIndexes() {
        // Shuffled 1..10: index int(q*10) of the sorted list, so p25 -> [2] = 3, p50 -> [5] = 6, p90 -> [9] = 10.
        LatencySummary s = LatencySummary.of(samples(7, 3, 10, 1, 5, 9, 2, 8, 4, 6));
        assertEquals(new LatencySummary(5, 3, 6, 8, 10, 10, 10, 10, 10), s);
    }

    @Test
    void percentileIndexIsTruncatedAndClampedToTheLastSample() {
        int[] sorted = new int[1000];
        for (int i = 0; i < sorted.length; i++) sorted[i] = i * 2;
        // int(0.999 * 1000) = 999 -> 1998; int(0.25 * 1000) = 250 -> 500; q = 1 would be index 1000 -> clamped.
        assertEquals(1998, LatencySummary.percentile(sorted, .999));
        assertEquals(500, LatencySummary.percentile(sorted, .25));
        assertEquals(1998, LatencySummary.percentile(sorted, 1.0));
    }

    @Test
    void averageIsTruncatedTowardZero() {
        assertEquals(1, LatencySummary.of(samples(1, 2)).avg());
        assertEquals(2, LatencySummary.of(samples(1, 2, 4)).avg());
    }

    @Test
    void noSamplesGiveZeros() {
        assertEquals(new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0), LatencySummary.of(new MicrosSamples()));
    }

    @Test
    void samplesGrowPastTheInitialCapacityAndMerge() {
        MicrosSamples a = new MicrosSamples();
        for (int i = 1; i <= 3000; i++) a.add(i);
        MicrosSamples b = samples(5000);
        a.addAll(b);
        assertEquals(3001, a.size());
        assertEquals(5000, a.max());
        assertEquals(2998, LatencySummary.of(a).p99_9()); // int(0.999 * 3001) = 2997 -> value 2998
    }
}
