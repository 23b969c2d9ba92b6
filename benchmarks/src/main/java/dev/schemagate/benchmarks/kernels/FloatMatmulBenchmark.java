package dev.schemagate.benchmarks.kernels;

import org.openjdk.jmh.annotations.Param;

import dev.schemagate.kernels.GgmlType;

/** {@link MatmulBenchmark} for the plain float weight types. */
public class FloatMatmulBenchmark extends MatmulBenchmark {
    @Param({"F32", "F16", "BF16"})
    public GgmlType type;

    /** {@code rows x cols}: attention q/o, FFN gate/up, FFN down and the tied output head of SmolLM2-135M. */
    @Param({"576x576", "1536x576", "576x1536", "49152x576"})
    public String shape;

    @Override
    GgmlType type() {
        return type;
    }

    @Override
    String shape() {
        return shape;
    }
}
