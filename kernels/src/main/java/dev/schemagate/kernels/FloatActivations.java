package dev.schemagate.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activation rows kept as f32 for the kernels that multiply in f32 (float types and K-quants): rows copied with a
 * zero-padded stride so the kernels never need a tail, optional per-group sums (the K-quant min term), and the
 * per-thread panel that weight rows are decoded into when several activation rows share them.
 */
final class FloatActivations implements Activations {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    final GgmlType type;
    final int cols;
    /** Floats between activation rows; a multiple of the kernels' step and at least {@link #cols}. */
    final int stride;
    final int capacity;
    final float[] x;
    /** Values summed per group (0 = no sums; otherwise a multiple of 16). */
    final int groupSize;
    /** {@code sums[i * cols / groupSize + g]}: sum of group {@code g} of row {@code i}. */
    final float[] sums;
    /** Weight rows decoded (or copied) to f32 with row stride {@link #stride}; null when one row is the most. */
    final float[] panel;
    final int panelRows;

    FloatActivations(GgmlType type, int cols, int stride, int capacity, int groupSize, int panelRows) {
        if (capacity <= 0) throw new IllegalArgumentException("activation capacity must be positive, got " + capacity);
        if ((long) capacity * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(capacity + " activation rows of " + cols + " values do not fit one array");
        }
        this.type = type;
        this.cols = cols;
        this.stride = stride;
        this.capacity = capacity;
        this.x = new float[capacity * stride];
        this.groupSize = groupSize;
        this.sums = groupSize == 0 ? null : new float[capacity * (cols / groupSize)];
        this.panelRows = panelRows;
        this.panel = panelRows == 0 ? null : new float[panelRows * stride];
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** {@code acts} as the activations of a {@code type} matrix with {@code cols} columns, or a clear error. */
    static FloatActivations check(Activations acts, GgmlType type, int cols, int n) {
        if (!(acts instanceof FloatActivations f) || f.type != type || f.cols != cols) {
            throw new IllegalArgumentException("activations were not made by a " + type + " matrix with " + cols + " columns");
        }
        if (n < 0 || n > f.capacity) throw new IllegalArgumentException(n + " activation rows do not fit a capacity of " + f.capacity);
        return f;
    }

    /** Copies {@code n} rows of {@link #cols} floats from {@code src} and sums their groups. */
    void load(float[] src, int srcOffset, int n) {
        if (srcOffset < 0 || (long) srcOffset + (long) n * cols > src.length) {
            throw new IllegalArgumentException(n + " rows of " + cols + " from offset " + srcOffset + " exceed the input of " + src.length);
        }
        for (int i = 0; i < n; i++) System.arraycopy(src, srcOffset + i * cols, x, i * stride, cols);
        if (groupSize == 0) return;
        int groups = cols / groupSize;
        for (int i = 0; i < n; i++) {
            int at = i * stride;
            for (int g = 0; g < groups; g++) {
                FloatVector s = FloatVector.fromArray(F, x, at);
                for (int j = F.length(); j < groupSize; j += F.length()) s = s.add(FloatVector.fromArray(F, x, at + j));
                sums[i * groups + g] = s.reduceLanes(VectorOperators.ADD);
                at += groupSize;
            }
        }
    }

    /** Throws unless {@code out} has room for {@code n} output rows of {@code [rowStart, rowEnd)}. */
    static void checkOutput(int rows, int n, float[] out, int outOffset, int outStride, int rowStart, int rowEnd) {
        if (rowStart < 0 || rowEnd > rows || rowStart > rowEnd) {
            throw new IllegalArgumentException("row range [" + rowStart + ", " + rowEnd + ") is outside the " + rows + " rows");
        }
        if (n > 0 && rowEnd > rowStart) {
            long last = outOffset + (long) (n - 1) * outStride + rowEnd - 1;
            if (outOffset < 0 || outStride < 0 || last >= out.length) {
                throw new IllegalArgumentException("output of " + out.length + " floats cannot hold " + n + " rows at offset " + outOffset + " stride " + outStride);
            }
        }
    }
}
