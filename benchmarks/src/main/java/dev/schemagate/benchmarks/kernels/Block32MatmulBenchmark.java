package dev.schemagate.benchmarks.kernels;

import org.openjdk.jmh.annotations.Param;

import dev.schemagate.kernels.GgmlType;

/** {@link MatmulBenchmark} for the block-32 types multiplied against Q8 activations (Q4_0, Q4_1, Q5_0, Q8_0). */
public class Block32MatmulBenchmark extends MatmulBenchmark {
    @Param({"Q4_1", "Q8_0", "Q4_0", "Q5_0"})
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
