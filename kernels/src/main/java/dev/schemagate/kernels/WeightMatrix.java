package dev.schemagate.kernels;

/**
 * A weight matrix of {@code rows x cols}, repacked once from GGUF bytes into the layout its kernel reads.
 * Multiplying works on a row range so callers split the output rows across threads; nothing here allocates
 * after construction.
 */
public interface WeightMatrix {
    GgmlType type();

    int rows();

    int cols();

    /** Scratch for up to {@code maxRows} activation rows in the form this matrix's kernel reads. One per thread. */
    Activations newActivations(int maxRows);

    /**
     * Converts {@code n} activation rows ({@code cols} floats each, row-major from {@code xOffset}) into
     * {@code acts} (e.g. int8 blocks with scales, as llama.cpp quantizes activations for this weight type).
     * Cheap next to {@link #multiply}; callers may run it redundantly on every thread.
     */
    void prepare(float[] x, int xOffset, int n, Activations acts);

    /**
     * {@code out[outOffset + i*outStride + r] = dot(weight row r, activation row i)} for {@code i < n} and
     * {@code rowStart <= r < rowEnd}.
     */
    void multiply(Activations acts, int n, float[] out, int outOffset, int outStride, int rowStart, int rowEnd);

    /** Weight row {@code r} as floats (a scalar path: embedding lookups and reference checks). */
    void dequantizeRow(int r, float[] dst, int dstOffset);
}
