package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskBenchSummaryTest {

    private static FileResult ran(String file, FileStatus status, long ttfm, int validationErrors,
                                  int invalidationErrors, int... tbm) {
        MicrosSamples samples = new MicrosSamples();
        for (int v : tbm) samples.add(v);
        return new FileResult(file, status, null, ttfm, tbm.length, 2, validationErrors, invalidationErrors, 0, samples);
    }

    private static MaskBenchSummary tally(FileResult... results) {
        MaskBenchTally tally = new MaskBenchTally();
        for (FileResult r : results) tally.add(r);
        return tally.summary();
    }

    @Test
    void countsFollowThePythonTool() {
        MaskBenchSummary s = tally(
                ran("a.json", FileStatus.PASSING, 100, 0, 0, 1, 2, 3),
                ran("b.json", FileStatus.FAILING, 300, 1, 2, 10),
                ran("compile-only.json", FileStatus.PASSING, 50, 0, 0),
                FileResult.notRun("c.json", FileStatus.COMPILE_ERROR, 4, "SchemaCompileException: 'not'"),
                FileResult.notRun("d.json", FileStatus.TIMEOUT, 0, "over 60s"));
        assertEquals(5, s.schemas());
        assertEquals(2, s.passing());
        assertEquals(1, s.compileError());
        assertEquals(1, s.timeout());
        assertEquals(1, s.validationError());
        assertEquals(2, s.invalidationError());
        assertEquals(4, s.tokens());
        assertEquals(0, s.crash());
        // TBM over 1, 2, 3, 10: avg int(16/4) = 4, p50 = sorted[2] = 3. TTFM over 50, 100, 300 only.
        assertEquals(4, s.tbmUs().avg());
        assertEquals(3, s.tbmUs().p50());
        assertEquals(10, s.tbmUs().max());
        assertEquals(150, s.ttfmUs().avg());
        assertEquals(100, s.ttfmUs().p50());
    }

    @Test
    void jsonHasExactlyTheSummaryKeysInOrder() {
        ObjectNode json = tally(ran("a.json", FileStatus.PASSING, 100, 0, 0, 1)).toJson();
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("schemas", "passing", "compile_error", "timeout", "validation_error", "invalidation_error",
                "tokens", "tbm_us", "ttfm_us"), keys);
        List<String> latencyKeys = new ArrayList<>();
        json.get("tbm_us").fieldNames().forEachRemaining(latencyKeys::add);
        assertEquals(List.of("avg", "p25", "p50", "p75", "p90", "p95", "p99", "p99_9", "max"), latencyKeys);
    }

    @Test
    void crashIsReportedOnlyWhenItHappened() {
        MaskBenchSummary s = tally(FileResult.notRun("x.json", FileStatus.CRASH, 0, "OutOfMemoryError: heap"));
        assertEquals(1, s.crash());
        assertEquals(1, s.toJson().get("crash").asInt());
        assertTrue(s.markdownTable().contains("| crash | 1 |"));
    }

    @Test
    void tableHasTheReadmeRowsWithThousandsSeparators() {
        MaskBenchSummary s = tally(ran("a.json", FileStatus.PASSING, 1_234_567, 0, 0, 17_021));
        String table = s.markdownTable();
        assertTrue(table.startsWith("| metric | schemagate |\n|---|--:|\n"), table);
        assertTrue(table.contains("| TBM p50 µs | 17,021 |"), table);
        assertTrue(table.contains("| TBM p99.9 µs | 17,021 |"), table);
        assertTrue(table.contains("| TTFM max µs | 1,234,567 |"), table);
        assertTrue(table.contains("| invalidation error | 0 |"), table);
        assertFalse(table.contains("crash"), table);
        assertEquals(2 + 9 + 9 + 7, table.lines().count());
    }

    @Test
    void perSchemaLineHasThePythonToolsKeysPlusTheSlowStepCount() {
        ObjectNode line = ran("a.json", FileStatus.FAILING, 100, 1, 0, 4, 9).toJson();
        List<String> keys = new ArrayList<>();
        line.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("file", "status", "error", "ttfm_us", "tokens", "tests", "validation_error",
                "invalidation_error", "step_exception", "tbm_max_us", "tbm_over_1ms"), keys);
        assertEquals("failing", line.get("status").asText());
        assertEquals(9, line.get("tbm_max_us").asInt());
        assertEquals(0, line.get("tbm_over_1ms").asInt());
        ObjectNode slow = ran("b.json", FileStatus.PASSING, 100, 0, 0, 999, 1000, 2500, 3).toJson();
        assertEquals(2, slow.get("tbm_over_1ms").asInt());
        assertTrue(FileResult.notRun("c.json", FileStatus.COMPILE_ERROR, 3, "x").toJson().get("ttfm_us").isNull());
    }
}
