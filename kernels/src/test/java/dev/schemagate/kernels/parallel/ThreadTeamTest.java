package dev.schemagate.kernels.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThreadTeamTest {
    /**
     * Each round, every member writes its slot, meets the others, then sums all slots: a member that passed the
     * barrier early, or read a stale slot, would get a wrong sum.
     */
    @Test
    void barriersOrderWritesAcrossManyRuns() {
        for (int threads : new int[] {1, 2, 3, 4}) {
            try (ThreadTeam team = new ThreadTeam(threads)) {
                assertEquals(threads, team.size());
                long[] slots = new long[threads];
                long[][] sums = new long[threads][1];
                int rounds = 25;
                for (int run = 0; run < 40; run++) {
                    int base = run * 1000;
                    team.run(t -> {
                        for (int round = 0; round < rounds; round++) {
                            slots[t] = base + round * 10L + t;
                            team.barrier(t);
                            long sum = 0;
                            for (long v : slots) sum += v;
                            sums[t][0] += sum;
                            team.barrier(t);
                        }
                    });
                    long expected = 0;
                    for (int round = 0; round < rounds; round++) {
                        for (int t = 0; t < threads; t++) expected += base + round * 10L + t;
                    }
                    for (int t = 0; t < threads; t++) {
                        assertEquals(expected, sums[t][0], "member " + t + " of " + threads + " in run " + run);
                        sums[t][0] = 0;
                    }
                }
            }
        }
    }

    @Test
    void everyMemberRunsOnceWithItsOwnIndex() {
        try (ThreadTeam team = new ThreadTeam(3)) {
            int[] calls = new int[3];
            Thread[] who = new Thread[3];
            team.run(t -> {
                calls[t]++;
                who[t] = Thread.currentThread();
            });
            assertArrayEquals(new int[] {1, 1, 1}, calls);
            assertSame(Thread.currentThread(), who[0]);
            assertTrue(who[1] != who[0] && who[2] != who[0] && who[1] != who[2]);
            assertTrue(who[1].isDaemon());
        }
    }

    @Test
    void firstFailureIsRethrownAndWaitingMembersAreReleased() {
        try (ThreadTeam team = new ThreadTeam(3)) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            AtomicInteger released = new AtomicInteger();
            // The failing member arrives last (it parks first), completes the first barrier and fails at once,
            // often before the others see the barrier complete: they must still pass it and count at the second.
            int rounds = 900;
            for (int round = 0; round < rounds; round++) {
                int f = round % 3;
                var thrown = assertThrows(IllegalArgumentException.class, () -> team.run(t -> {
                    if (t == f) LockSupport.parkNanos(20_000);
                    team.barrier(t);
                    if (t == f) throw boom;
                    try {
                        team.barrier(t);
                    } catch (IllegalStateException e) {
                        released.incrementAndGet();
                        throw e;
                    }
                }));
                assertSame(boom, thrown);
            }
            assertEquals(2 * rounds, released.get());
            // the team still works, barriers included, after failed runs
            int[] after = new int[3];
            team.run(t -> {
                team.barrier(t);
                after[t] = 1;
                team.barrier(t);
            });
            assertArrayEquals(new int[] {1, 1, 1}, after);
        }
    }

    /**
     * Whether {@code thread} parks (state WAITING) within 20 s. A member that spins or yields while it waits stays
     * RUNNABLE, competing for the CPU with the member it waits for.
     */
    private static boolean parks(Thread thread) throws InterruptedException {
        for (long deadline = System.nanoTime() + 20_000_000_000L; System.nanoTime() < deadline; Thread.sleep(1)) {
            if (thread.getState() == Thread.State.WAITING) return true;
        }
        return false;
    }

    @Test
    void membersThatWaitLongParkAndAreWokenByTheLastToArrive() {
        try (ThreadTeam team = new ThreadTeam(2)) {
            Thread caller = Thread.currentThread();
            Thread[] worker = new Thread[1];
            boolean[] parked = new boolean[3];
            int[] phases = new int[2];
            team.run(t -> {
                try {
                    if (t == 1) {
                        worker[0] = Thread.currentThread();
                        parked[0] = parks(caller);
                    }
                    team.barrier(t);
                    phases[t]++;
                    if (t == 0) parked[1] = parks(worker[0]);
                    team.barrier(t);
                    phases[t]++;
                    // the caller, done first, waits for the worker to finish the run
                    if (t == 1) parked[2] = parks(caller);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertArrayEquals(new boolean[] {true, true, true}, parked, "caller at a barrier, worker at a barrier, caller at the end of the run");
            assertArrayEquals(new int[] {2, 2}, phases);
        }
    }

    @Test
    void aFailureWakesParkedMembers() {
        try (ThreadTeam team = new ThreadTeam(3)) {
            Thread caller = Thread.currentThread();
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            boolean[] parked = new boolean[1];
            assertSame(boom, assertThrows(IllegalArgumentException.class, () -> team.run(t -> {
                if (t == 1) {
                    try {
                        parked[0] = parks(caller);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    throw boom;
                }
                team.barrier(t);
            })));
            assertTrue(parked[0]);
            int[] after = new int[3];
            team.run(t -> {
                team.barrier(t);
                after[t] = 1;
            });
            assertArrayEquals(new int[] {1, 1, 1}, after);
        }
    }

    @Test
    void errorsPropagateUnwrapped() {
        try (ThreadTeam team = new ThreadTeam(2)) {
            AssertionError error = new AssertionError("worker");
            assertSame(error, assertThrows(AssertionError.class, () -> team.run(t -> {
                if (t == 1) throw error;
            })));
        }
    }

    @Test
    void closeStopsWorkersAndRefusesLaterRuns() throws InterruptedException {
        ThreadTeam team = new ThreadTeam(3);
        Thread[] workers = new Thread[3];
        team.run(t -> workers[t] = Thread.currentThread());
        // let the workers go through spinning and yielding into parking before closing
        Thread.sleep(20);
        team.close();
        assertFalse(workers[1].isAlive());
        assertFalse(workers[2].isAlive());
        assertThrows(IllegalStateException.class, () -> team.run(t -> { }));
        team.close();
    }

    @Test
    void parkedWorkersWakeForTheNextRun() throws InterruptedException {
        try (ThreadTeam team = new ThreadTeam(2)) {
            int[] hits = new int[2];
            for (int i = 0; i < 3; i++) {
                Thread.sleep(10);
                team.run(t -> hits[t]++);
            }
            assertArrayEquals(new int[] {3, 3}, hits);
        }
    }

    @Test
    void nestedRunsAreRefused() {
        try (ThreadTeam team = new ThreadTeam(2)) {
            assertThrows(IllegalStateException.class, () -> team.run(t -> {
                if (t == 0) team.run(u -> { });
            }));
        }
    }

    @Test
    void splitGivesAlignedBalancedRanges() {
        assertArrayEquals(new int[] {0, 288, 576}, ThreadTeam.split(576, 2, 4));
        assertArrayEquals(new int[] {0, 8, 24, 40}, ThreadTeam.split(40, 3, 8));
        assertArrayEquals(new int[] {0, 0, 5}, ThreadTeam.split(5, 2, 16));
        assertArrayEquals(new int[] {0, 0, 0}, ThreadTeam.split(0, 2, 4));
        for (int rows = 0; rows < 300; rows += 7) {
            for (int parts = 1; parts <= 5; parts++) {
                for (int align : new int[] {1, 4, 16}) {
                    int[] b = ThreadTeam.split(rows, parts, align);
                    assertEquals(0, b[0]);
                    assertEquals(rows, b[parts]);
                    int units = (rows + align - 1) / align;
                    for (int p = 0; p < parts; p++) {
                        assertTrue(b[p] <= b[p + 1]);
                        if (b[p + 1] != rows) assertEquals(0, b[p + 1] % align);
                        int partUnits = (b[p + 1] - b[p] + align - 1) / align;
                        assertTrue(Math.abs(partUnits - (double) units / parts) < 1, rows + "/" + parts + "/" + align);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ThreadTeam.split(10, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new ThreadTeam(0));
    }
}
