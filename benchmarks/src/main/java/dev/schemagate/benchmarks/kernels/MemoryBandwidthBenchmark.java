package dev.schemagate.benchmarks.kernels;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * STREAM-style copy ({@code c = a}) and triad ({@code a = b + s*c}) over float arrays of 64 MB each (twice the L3),
 * for the machine's memory bandwidth next to the kernels' GB/s. Counted as STREAM does: 2 arrays moved per copy,
 * 3 per triad. Run with {@code -t 2} for both cores (each thread has its own arrays).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class MemoryBandwidthBenchmark {
    /** Floats per array: 16 Mi floats are 64 MB. */
    @Param({"16777216"})
    public int length;

    private float[] a;
    private float[] b;
    private float[] c;
    private double gbytePerArray;

    @Setup(Level.Trial)
    public void setUp() {
        a = new float[length];
        b = new float[length];
        c = new float[length];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 2f);
        Arrays.fill(c, 0.5f);
        gbytePerArray = length * 4.0 / 1e9;
    }

    @Benchmark
    public float[] copy(Bytes bytes) {
        float[] src = a;
        float[] dst = c;
        for (int i = 0; i < src.length; i++) dst[i] = src[i];
        bytes.gbyte += 2 * gbytePerArray;
        return dst;
    }

    @Benchmark
    public float[] triad(Bytes bytes) {
        float[] dst = a;
        float[] x = b;
        float[] y = c;
        float s = 3f;
        for (int i = 0; i < dst.length; i++) dst[i] = x[i] + s * y[i];
        bytes.gbyte += 3 * gbytePerArray;
        return dst;
    }

    /** GB moved; JMH divides by time, giving GB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public double gbyte;

        @Setup(Level.Iteration)
        public void reset() {
            gbyte = 0;
        }
    }
}
