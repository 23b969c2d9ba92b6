package dev.schemagate.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * An f32 matrix, copied once into 64-byte-aligned rows zero-padded to {@link FloatGemm#STEP} floats. One
 * activation row streams the weights; several copy L2-sized blocks of rows into the per-thread panel, which
 * {@link FloatGemm}'s register tiles read faster than the segment.
 */
public final class F32Matrix implements WeightMatrix {
    private final int rows;
    private final int cols;
    private final int stride;
    private final MemorySegment weights;

    public F32Matrix(int cols, MemorySegment... parts) {
        FragmentedRows src = FragmentedRows.of(GgmlType.F32, cols, parts);
        this.rows = src.rows();
        this.cols = cols;
        this.stride = FloatGemm.stride(cols);
        this.weights = Arena.ofAuto().allocate((long) rows * stride * Float.BYTES, 64);
        for (int r = 0; r < rows; r++) MemorySegment.copy(src.row(r), 0, weights, rowOffset(r), (long) cols * Float.BYTES);
    }

    /** Writes {@code n} floats as little-endian f32 (the GGUF F32 layout). */
    public static void quantizeRow(float[] src, int srcOffset, int n, MemorySegment dst, long dstOffset) {
        MemorySegment.copy(src, srcOffset, dst, FragmentedRows.FLOAT_LE, dstOffset, n);
    }

    private long rowOffset(int r) {
        return (long) r * stride * Float.BYTES;
    }

    @Override
    public GgmlType type() {
        return GgmlType.F32;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public Activations newActivations(int maxRows) {
        return new FloatActivations(GgmlType.F32, cols, stride, maxRows, 0, maxRows > 1 ? FloatGemm.panelRows(stride) : 0);
    }

    @Override
    public void prepare(float[] x, int xOffset, int n, Activations acts) {
        FloatActivations.check(acts, GgmlType.F32, cols, n).load(x, xOffset, n);
    }

    @Override
    public void multiply(Activations acts, int n, float[] out, int outOffset, int outStride, int rowStart, int rowEnd) {
        FloatActivations a = FloatActivations.check(acts, GgmlType.F32, cols, n);
        FloatActivations.checkOutput(rows, n, out, outOffset, outStride, rowStart, rowEnd);
        if (n == 0) return;
        if (n == 1) {
            FloatGemm.matvec(weights, rowOffset(rowStart), rowOffset(1), rowEnd - rowStart, stride, a.x, out, outOffset + rowStart);
            return;
        }
        for (int r = rowStart; r < rowEnd; r += a.panelRows) {
            int count = Math.min(a.panelRows, rowEnd - r);
            MemorySegment.copy(weights, ValueLayout.JAVA_FLOAT, rowOffset(r), a.panel, 0, count * stride);
            FloatGemm.multiply(a.panel, count, stride, a.x, n, out, outOffset + r, outStride);
        }
    }

    @Override
    public void dequantizeRow(int r, float[] dst, int dstOffset) {
        Objects.checkIndex(r, rows);
        MemorySegment.copy(weights, ValueLayout.JAVA_FLOAT, rowOffset(r), dst, dstOffset, cols);
    }
}
