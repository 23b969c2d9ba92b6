package dev.schemagate.kernels.parallel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads for the forward pass: the caller of {@link #run} is member 0 and {@code threads-1}
 * daemon platform workers are the others. Members meet at {@link #barrier}, a sense-reversing spin barrier (about
 * 100 ns idle, where a ForkJoin fork/join costs 15-20 µs). Every wait (at a barrier, for the end of a run, for the
 * next run) spins {@value #SPIN_NANOS} ns, then yields, then after {@value #PARK_NANOS} ns parks until the member
 * it waits for unparks it: a member held up for long (its core taken by another process, a slow pass) then costs
 * no CPU, while the usual waits of microseconds never pay for a wake-up. Nothing allocates per run or barrier. One
 * run at a time: {@code run} is not reentrant.
 */
public final class ThreadTeam implements AutoCloseable {
    /** Work for every member; {@code threadIndex} is 0 for the caller and 1..size-1 for the workers. */
    @FunctionalInterface
    public interface Task {
        void run(int threadIndex);
    }

    /** Pure spinning before a waiter starts yielding. */
    static final long SPIN_NANOS = 30_000;
    /** Spinning plus yielding before a waiter parks. */
    static final long PARK_NANOS = 2_000_000;
    /** Longs between hot fields: 128 bytes, so neighbouring lines never share a prefetched pair. */
    private static final int PAD = 16;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    // slot indices (times PAD) in {@link #slots}
    private static final int ARRIVED = 1;
    private static final int SENSE = 2;
    private static final int GENERATION = 3;
    private static final int FAILED = 4;
    private static final int BUSY = 5;
    /** Then {@code size} slots of "finished generation", one per member, and {@code size} of "parked". */
    private static final int DONE = 6;

    private final int size;
    private final long[] slots;
    /** Each member's barrier sense, written only by that member. */
    private final int[] localSense;
    private final Thread[] workers;
    private volatile boolean closed;
    /** Member 0 of the current run, so that workers can unpark it. */
    private Thread caller;
    private Task task;
    private volatile Throwable failure;

    /** @param threads team size including the caller, at least 1 */
    public ThreadTeam(int threads) {
        if (threads < 1) throw new IllegalArgumentException("a thread team needs at least 1 thread, got " + threads);
        this.size = threads;
        this.slots = new long[(DONE + 2 * threads + 1) * PAD];
        this.localSense = new int[threads * PAD];
        this.workers = new Thread[threads - 1];
        for (int i = 1; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> work(index), "thread-team-" + i);
            t.setDaemon(true);
            workers[i - 1] = t;
        }
        for (Thread t : workers) t.start();
    }

    public int size() {
        return size;
    }

    /**
     * Runs {@code task.run(i)} on every member {@code i} and returns when all have finished. If any member throws,
     * the others are released from barriers (their {@link #barrier} calls throw) and the first throwable is
     * rethrown here once every member has stopped.
     *
     * @throws IllegalStateException if the team is closed or already running
     */
    public void run(Task task) {
        if (closed) throw new IllegalStateException("thread team is closed");
        if (!SLOTS.compareAndSet(slots, BUSY * PAD, 0L, 1L)) throw new IllegalStateException("thread team is already running a task");
        try {
            this.task = task;
            this.caller = Thread.currentThread();
            long generation = (long) SLOTS.getVolatile(slots, GENERATION * PAD) + 1;
            SLOTS.setVolatile(slots, GENERATION * PAD, generation);
            for (int i = 1; i < size; i++) {
                if ((long) SLOTS.getVolatile(slots, parkedSlot(i)) != 0) LockSupport.unpark(workers[i - 1]);
            }
            member(0, task);
            for (int i = 1; i < size; i++) await(0, doneSlot(i), generation, false);
            this.task = null;
            Throwable first = failure;
            if (first != null) {
                failure = null;
                resetBarrier();
                if (first instanceof RuntimeException e) throw e;
                if (first instanceof Error e) throw e;
                throw new IllegalStateException("a team member failed", first);
            }
        } finally {
            SLOTS.setRelease(slots, BUSY * PAD, 0L);
        }
    }

    /**
     * Waits until every member of the running task has called {@code barrier}; writes before it are visible to
     * every member after it. Every member must call it the same number of times.
     *
     * @throws IllegalStateException if another member failed during this run
     */
    public void barrier(int threadIndex) {
        if (size == 1) return;
        int sense = localSense[threadIndex * PAD] ^ 1;
        localSense[threadIndex * PAD] = sense;
        if ((long) SLOTS.getAndAdd(slots, ARRIVED * PAD, 1L) == size - 1) {
            SLOTS.set(slots, ARRIVED * PAD, 0L);
            SLOTS.setVolatile(slots, SENSE * PAD, (long) sense);
            unparkWaiters(threadIndex);
            return;
        }
        await(threadIndex, SENSE * PAD, sense, true);
    }

    /**
     * Start of part {@code part} when {@code rows} are split into {@code parts} ranges as even as possible whose
     * boundaries are multiples of {@code align} (the last ends at {@code rows}); part {@code p} covers
     * {@code [boundary(p), boundary(p+1))}. Allocation-free for use inside tasks.
     */
    public static int boundary(int rows, int parts, int align, int part) {
        if (rows < 0 || parts < 1 || align < 1 || part < 0 || part > parts) {
            throw new IllegalArgumentException("cannot split " + rows + " rows into " + parts + " parts aligned to " + align + " (part " + part + ")");
        }
        long units = (rows + (long) align - 1) / align;
        return (int) Math.min(rows, units * part / parts * align);
    }

    /** All {@code parts + 1} boundaries of {@link #boundary}: part {@code p} is {@code [result[p], result[p+1])}. */
    public static int[] split(int rows, int parts, int align) {
        int[] bounds = new int[parts + 1];
        for (int p = 0; p <= parts; p++) bounds[p] = boundary(rows, parts, align, p);
        return bounds;
    }

    /** Stops and joins the workers; later {@link #run} calls fail. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Thread t : workers) LockSupport.unpark(t);
        boolean interrupted = false;
        for (Thread t : workers) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void work(int index) {
        long seen = 0;
        while (true) {
            long generation = awaitGeneration(index, seen);
            if (generation == seen) return;
            seen = generation;
            member(index, task);
            SLOTS.setVolatile(slots, doneSlot(index), generation);
            if ((long) SLOTS.getVolatile(slots, parkedSlot(0)) != 0) LockSupport.unpark(caller);
        }
    }

    /** The next generation after {@code seen}, or {@code seen} once the team is closed. */
    private long awaitGeneration(int index, long seen) {
        long start = System.nanoTime();
        for (int spins = 1; ; spins++) {
            long generation = (long) SLOTS.getAcquire(slots, GENERATION * PAD);
            if (generation != seen) return generation;
            if (closed) return seen;
            if ((spins & 63) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long waited = System.nanoTime() - start;
            if (waited < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (waited < PARK_NANOS) {
                Thread.yield();
            } else {
                // announce the park before re-checking, so run() either sees the flag or we see its generation
                SLOTS.setVolatile(slots, parkedSlot(index), 1L);
                if ((long) SLOTS.getVolatile(slots, GENERATION * PAD) == seen && !closed) LockSupport.park(this);
                SLOTS.setVolatile(slots, parkedSlot(index), 0L);
            }
        }
    }

    private void member(int index, Task t) {
        try {
            t.run(index);
        } catch (Throwable e) {
            if (failure == null) {
                synchronized (this) {
                    if (failure == null) failure = e;
                }
            }
            SLOTS.setVolatile(slots, FAILED * PAD, 1L);
            unparkWaiters(index);
        }
    }

    /**
     * Member {@code self} waits until {@code slots[slot] == value}: spins, yields, then parks. It announces the park
     * before re-checking, and wakers write before they look, so one side always sees the other. With
     * {@code failable}, a failure of another member ends the wait with an exception.
     */
    private void await(int self, int slot, long value, boolean failable) {
        long start = 0;
        for (int spins = 1; (long) SLOTS.getAcquire(slots, slot) != value; spins++) {
            if (failable && (long) SLOTS.getOpaque(slots, FAILED * PAD) != 0) {
                // A barrier its last member completed before failing was passed: the flip precedes the failure flag.
                if ((long) SLOTS.getVolatile(slots, FAILED * PAD) != 0 && (long) SLOTS.getVolatile(slots, slot) == value) return;
                throw new IllegalStateException("barrier abandoned: another team member failed");
            }
            if ((spins & 63) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            if (start == 0) {
                start = now;
            } else if (now - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (now - start < PARK_NANOS) {
                Thread.yield();
            } else {
                SLOTS.setVolatile(slots, parkedSlot(self), 1L);
                if ((long) SLOTS.getVolatile(slots, slot) != value && !(failable && (long) SLOTS.getVolatile(slots, FAILED * PAD) != 0)) {
                    LockSupport.park(this);
                }
                SLOTS.setVolatile(slots, parkedSlot(self), 0L);
            }
        }
    }

    /** Unparks every member but {@code self} that announced a park. */
    private void unparkWaiters(int self) {
        for (int i = 0; i < size; i++) {
            if (i != self && (long) SLOTS.getVolatile(slots, parkedSlot(i)) != 0) LockSupport.unpark(i == 0 ? caller : workers[i - 1]);
        }
    }

    /** After a failed run every member has left the task, so the barrier can start over from a clean state. */
    private void resetBarrier() {
        SLOTS.setVolatile(slots, ARRIVED * PAD, 0L);
        SLOTS.setVolatile(slots, SENSE * PAD, 0L);
        Arrays.fill(localSense, 0);
        SLOTS.setVolatile(slots, FAILED * PAD, 0L);
    }

    private static int doneSlot(int index) {
        return (DONE + index) * PAD;
    }

    private int parkedSlot(int index) {
        return (DONE + size + index) * PAD;
    }
}
