package dev.schemagate.benchmarks.kernels;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
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

import dev.schemagate.kernels.Activations;
import dev.schemagate.kernels.GgmlType;
import dev.schemagate.kernels.WeightMatrices;
import dev.schemagate.kernels.WeightMatrix;

/**
 * One thread multiplying all rows of one {@code rows x cols} matrix by {@code n} prepared activation rows (the
 * matrix stays cache-resident except for the 49152-row heads). Subclasses name the ggml types and shapes of one
 * kernel family.
 * Besides ops/s, the {@link Rates} counters report G MAC/s ({@code rows*cols*n} per op) and GB/s of quantized
 * weight bytes per op, both in the "ops/s" column.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public abstract class MatmulBenchmark {
    /** Activation rows: 1 is single-sequence decode, 8 batched decode, 64 a prefill chunk. */
    @Param({"1", "8", "64"})
    public int n;

    private WeightMatrix matrix;
    private Activations acts;
    private float[] out;
    private int rows;
    private double gmacPerOp;
    private double gbytePerOp;

    /** The ggml type under test. */
    abstract GgmlType type();

    /** {@code rows x cols} of the matrix under test. */
    abstract String shape();

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape().split("x");
        rows = Integer.parseInt(dims[0]);
        int cols = Integer.parseInt(dims[1]);
        SplittableRandom random = new SplittableRandom(42);
        float[] weights = new float[rows * cols];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) (random.nextDouble() - 0.5) * 0.1f;
        byte[] gguf = WeightMatrices.quantize(type(), weights, cols);
        matrix = WeightMatrices.create(type(), cols, MemorySegment.ofArray(gguf));
        float[] x = new float[n * cols];
        for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextDouble() * 2 - 1);
        acts = matrix.newActivations(n);
        matrix.prepare(x, 0, n, acts);
        out = new float[n * rows];
        gmacPerOp = (double) rows * cols * n / 1e9;
        gbytePerOp = gguf.length / 1e9;
    }

    @Benchmark
    public float[] multiply(Rates rates) {
        matrix.multiply(acts, n, out, 0, rows, 0, rows);
        rates.gmac += gmacPerOp;
        rates.gbyte += gbytePerOp;
        return out;
    }

    /** Work done, as G MAC and GB of quantized weights; JMH divides by time, giving G MAC/s and GB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        public double gmac;
        public double gbyte;

        @Setup(Level.Iteration)
        public void reset() {
            gmac = 0;
            gbyte = 0;
        }
    }
}
