package dev.schemagate.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-token path (fillMask, commit, isAccepting, rollback, reset) allocates nothing once warmed up. */
class SteadyStateAllocationTest {
    @Test
    void tenThousandWarmStepsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CompiledConstraint c = MatcherTest.ENGINE.compile(MatcherTest.objectGrammar());
        Matcher m = c.matcher();
        int[] ids = MatcherTest.V.tokenize("{\"a\": 12, \"b\": \"ab\", \"xyz\": 123, \"ab\": -1}");
        long[] mask = new long[MatcherTest.ENGINE.maskWords()];
        int steps = 0;
        for (int round = 0; round < 200; round++) run(m, ids, mask); // warm-up: caches, tables, JIT
        // The probe itself may allocate: measure an empty interval the same way and subtract it.
        long probe = -threads.getCurrentThreadAllocatedBytes() + threads.getCurrentThreadAllocatedBytes();
        // A per-token allocation shows in every window; a one-off runtime event (a late JIT compile) in one only.
        long[] windows = new long[3];
        for (int w = 0; w < windows.length; w++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (steps = 0; steps < 10_000; ) steps += run(m, ids, mask);
            windows[w] = threads.getCurrentThreadAllocatedBytes() - before - probe;
            if (windows[w] == 0) return;
        }
        assertEquals(0, windows[windows.length - 1], "bytes allocated per window of " + steps + " steps: " + java.util.Arrays.toString(windows));
    }

    private static int run(Matcher m, int[] ids, long[] mask) {
        m.reset();
        for (int t : ids) {
            m.fillMask(mask);
            assertTrue(m.commit(t));
        }
        assertTrue(m.isAccepting());
        m.rollback(3);
        return ids.length;
    }
}
