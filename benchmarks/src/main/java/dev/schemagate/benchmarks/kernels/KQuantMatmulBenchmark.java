package dev.schemagate.benchmarks.kernels;

import org.openjdk.jmh.annotations.Param;

import dev.schemagate.kernels.GgmlType;

/** {@link MatmulBenchmark} for the 256-element super-block K-quants. */
public class KQuantMatmulBenchmark extends MatmulBenchmark {
    @Param({"Q4_K", "Q5_K", "Q6_K"})
    public GgmlType type;

    /** {@code rows x cols}; K-quant rows need multiples of 256 columns, so 768 stands in for SmolLM2's 576. */
    @Param({"576x1536", "1536x768", "49152x768"})
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
