package dev.schemagate.decoder.model;

import dev.schemagate.kernels.Activations;
import dev.schemagate.kernels.GgmlType;
import dev.schemagate.kernels.WeightMatrix;

/**
 * Rows of several matrices of different types read as one matrix (q, k and v of a mixed-quantization file);
 * matrices of one type are stacked by the kernel itself instead, which prepares activations once.
 */
final class StackedMatrix implements WeightMatrix {
    private final WeightMatrix[] parts;
    private final int[] firstRow;
    private final int rows;

    StackedMatrix(WeightMatrix... parts) {
        this.parts = parts.clone();
        this.firstRow = new int[parts.length + 1];
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].cols() != parts[0].cols()) throw new IllegalArgumentException("stacked matrices differ in width");
            firstRow[p + 1] = firstRow[p] + parts[p].rows();
        }
        this.rows = firstRow[parts.length];
    }

    @Override
    public GgmlType type() {
        return parts[0].type();
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return parts[0].cols();
    }

    private record PartActivations(Activations[] parts, int capacity) implements Activations {
    }

    @Override
    public Activations newActivations(int maxRows) {
        Activations[] acts = new Activations[parts.length];
        for (int p = 0; p < parts.length; p++) acts[p] = parts[p].newActivations(maxRows);
        return new PartActivations(acts, maxRows);
    }

    @Override
    public void prepare(float[] x, int xOffset, int n, Activations acts) {
        Activations[] each = ((PartActivations) acts).parts();
        for (int p = 0; p < parts.length; p++) parts[p].prepare(x, xOffset, n, each[p]);
    }

    @Override
    public void multiply(Activations acts, int n, float[] out, int outOffset, int outStride, int rowStart, int rowEnd) {
        Activations[] each = ((PartActivations) acts).parts();
        for (int p = 0; p < parts.length; p++) {
            int from = Math.max(rowStart, firstRow[p]);
            int to = Math.min(rowEnd, firstRow[p + 1]);
            if (from < to) {
                // Row r of part p lands in output column firstRow[p] + r.
                parts[p].multiply(each[p], n, out, outOffset + firstRow[p], outStride, from - firstRow[p], to - firstRow[p]);
            }
        }
    }

    @Override
    public void dequantizeRow(int r, float[] dst, int dstOffset) {
        for (int p = 0; p < parts.length; p++) {
            if (r < firstRow[p + 1]) {
                parts[p].dequantizeRow(r - firstRow[p], dst, dstOffset);
                return;
            }
        }
        throw new IndexOutOfBoundsException("row " + r + " of " + rows);
    }
}
