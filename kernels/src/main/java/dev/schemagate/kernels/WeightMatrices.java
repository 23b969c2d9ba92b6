package dev.schemagate.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Builds the kernel for a ggml type, and writes ggml blocks from floats (for test models). */
public final class WeightMatrices {
    private WeightMatrices() {
    }

    /**
     * A matrix whose rows are the rows of {@code parts} in order, each part holding whole rows of {@code cols}
     * values in GGUF layout (e.g. q, k and v stacked into one matrix so one pass computes all three).
     *
     * @throws IllegalArgumentException if the type has no kernel or a part is not a whole number of rows
     */
    public static WeightMatrix create(GgmlType type, int cols, MemorySegment... parts) {
        return switch (type) {
            case F32 -> new F32Matrix(cols, parts);
            case F16 -> new F16Matrix(cols, parts);
            case BF16 -> new BF16Matrix(cols, parts);
            case Q4_0 -> new Q40Matrix(cols, parts);
            case Q4_1 -> new Q41Matrix(cols, parts);
            case Q5_0 -> new Q50Matrix(cols, parts);
            case Q8_0 -> new Q80Matrix(cols, parts);
            case Q4_K -> new Q4KMatrix(cols, parts);
            case Q5_K -> new Q5KMatrix(cols, parts);
            case Q6_K -> new Q6KMatrix(cols, parts);
            default -> throw new IllegalArgumentException("no kernel for tensor type " + type);
        };
    }

    /** Encodes {@code values} (whole rows of {@code cols}) as ggml blocks of {@code type}. */
    public static byte[] quantize(GgmlType type, float[] values, int cols) {
        if (values.length % cols != 0) throw new IllegalArgumentException("values are not whole rows of " + cols);
        byte[] out = new byte[Math.toIntExact(type.byteSize(values.length))];
        MemorySegment dst = MemorySegment.ofArray(out);
        long rowBytes = type.byteSize(cols);
        for (int row = 0; row < values.length / cols; row++) {
            int src = row * cols;
            long at = row * rowBytes;
            switch (type) {
                case F32 -> MemorySegment.copy(values, src, dst, ValueLayout.JAVA_FLOAT_UNALIGNED, at, cols);
                case F16 -> F16Matrix.quantizeRow(values, src, cols, dst, at);
                case BF16 -> BF16Matrix.quantizeRow(values, src, cols, dst, at);
                case Q4_0 -> Q40Matrix.quantizeRow(values, src, cols, dst, at);
                case Q4_1 -> Q41Matrix.quantizeRow(values, src, cols, dst, at);
                case Q5_0 -> Q50Matrix.quantizeRow(values, src, cols, dst, at);
                case Q8_0 -> Q80Matrix.quantizeRow(values, src, cols, dst, at);
                case Q4_K -> Q4KMatrix.quantizeRow(values, src, cols, dst, at);
                case Q5_K -> Q5KMatrix.quantizeRow(values, src, cols, dst, at);
                case Q6_K -> Q6KMatrix.quantizeRow(values, src, cols, dst, at);
                default -> throw new IllegalArgumentException("cannot encode tensor type " + type);
            }
        }
        return out;
    }
}
