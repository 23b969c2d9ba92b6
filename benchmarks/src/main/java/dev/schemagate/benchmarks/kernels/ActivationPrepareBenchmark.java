package dev.schemagate.benchmarks.kernels;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

/** Quantizing one activation row for a matrix (ggml's quantize_row_q8_1 on 576 values takes about 160 ns here). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ActivationPrepareBenchmark {
    @Param({"Q4_1", "Q8_0"})
    public GgmlType type;

    @Param({"576", "1536"})
    public int cols;

    private WeightMatrix matrix;
    private Activations acts;
    private float[] x;

    @Setup
    public void setUp() {
        matrix = WeightMatrices.create(type, cols, MemorySegment.ofArray(WeightMatrices.quantize(type, new float[32 * cols], cols)));
        acts = matrix.newActivations(1);
        SplittableRandom random = new SplittableRandom(1);
        x = new float[cols];
        for (int i = 0; i < cols; i++) x[i] = (float) (random.nextDouble() * 2 - 1);
    }

    @Benchmark
    public Activations prepare() {
        matrix.prepare(x, 0, 1, acts);
        return acts;
    }
}
