package dev.schemagate.kernels;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A block-32 weight matrix repacked into groups of 32 rows, one row per vector lane, and multiplied against
 * activations quantized to Q8 blocks. Lane-per-row means the kernels broadcast one activation value and
 * multiply it into 32 rows at once, keep per-row sums in lanes (no horizontal reductions), and read each weight
 * byte once however many activation rows share it.
 *
 * <p>Q4_1 and Q8_0 ({@link #ggmlOrder}) reproduce ggml's x86 {@code vec_dot} bit for bit at every batch size: per
 * row 8 float accumulators, one per 4-element quad of the block, each {@code fma(d_w*d_x, quad sum, acc)} block after
 * block, then {@link #sumQuads}; activation rows go two per pass over one L1-resident group, each with exactly the
 * single-row arithmetic. Other types run integer kernels two activation rows per weight pass for
 * {@code n < Q8Activations.FLOAT_PATH_MIN_ROWS} and, for larger batches, dequantize one group at a time into an f32
 * panel and run register-tiled FMA over it (Q4_1 in that form measured 37 G MAC/s at n=8, 43 at n=12, 48-52 from
 * n=64 on one Zen 4 core at 1536x576 with the former 512-bit kernels, hence the switch at 12; on a shared AVX2 EPYC
 * core the 256-bit Q4_0 kernels give about 13 at n=11 and 20 at n=12). Exactness costs (Zen 4, 512-bit): Q4_1 22
 * G MAC/s at n=1 and 27 at n=8 (29 and 42 before), Q8_0 20 (28 and 34 before); on the AVX2 EPYC, Q4_1 and Q8_0
 * both about 13-17 at n=1.
 *
 * <p>All vectors are 256-bit, the widest AVX2 runs natively (512-bit species fall back to Java code there: decoding
 * ran at 0.4 tok/s); a 32-row group is two 16-row halves of int16 lanes or four 8-row float vectors, which changes
 * no lane's arithmetic.
 *
 * <p>{@link #multiply} keeps scratch in the {@link Activations}, so concurrent callers need one each; splitting
 * rows at multiples of 32 avoids the (small) edge-group cost.
 *
 * <p>Subclasses supply the repacked data and those kernels; this class splits a row range into whole groups
 * (written straight to the output) and partial edge groups (written to scratch, then copied).
 */
abstract sealed class Q8RowGroups implements WeightMatrix permits Q40Matrix, Q41Matrix, Q50Matrix, Q80Matrix {
    static final int GROUP = 32;
    /** 256-bit vectors: the widest that AVX2 machines run natively; a group is four float vectors of 8 rows. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    final int rows;
    final int cols;
    final int blocks;
    final int groups;

    Q8RowGroups(GgmlType type, int cols, MemorySegment[] parts) {
        Objects.requireNonNull(parts, "parts");
        if (cols <= 0 || cols % 32 != 0) throw new IllegalArgumentException(type + " row length must be a positive multiple of 32, got " + cols);
        long rowBytes = type.byteSize(cols);
        long total = 0;
        for (int p = 0; p < parts.length; p++) {
            MemorySegment part = Objects.requireNonNull(parts[p], "part " + p);
            if (part.byteSize() % rowBytes != 0) {
                throw new IllegalArgumentException(type + " part " + p + " has " + part.byteSize() + " bytes, not a whole number of " + rowBytes + "-byte rows");
            }
            total += part.byteSize() / rowBytes;
        }
        if (total == 0) throw new IllegalArgumentException(type + " matrix has no rows");
        if (total > Integer.MAX_VALUE - GROUP) throw new IllegalArgumentException(type + " matrix has too many rows: " + total);
        this.rows = (int) total;
        this.cols = cols;
        this.blocks = cols / 32;
        this.groups = (rows + GROUP - 1) / GROUP;
    }

    /** Calls {@code visitor} for every GGUF row in order with the part holding it and the row's byte offset there. */
    static void forEachRow(GgmlType type, int cols, MemorySegment[] parts, RowVisitor visitor) {
        long rowBytes = type.byteSize(cols);
        int row = 0;
        for (MemorySegment part : parts) {
            for (long at = 0; at < part.byteSize(); at += rowBytes) visitor.row(row++, part, at);
        }
    }

    /** Receives one GGUF row during repacking. */
    @FunctionalInterface
    interface RowVisitor {
        void row(int row, MemorySegment part, long offset);
    }

    /** Activation rows {@code i} and {@code i+1} times groups {@code [g0,g1)}: {@code out[base + j*stride + (g-g0)*32 + lane]}. */
    abstract void dot2(Q8Activations a, int i, int g0, int g1, float[] out, int base, int stride);

    /** Activation row {@code i} times groups {@code [g0,g1)}: {@code out[base + (g-g0)*32 + lane]}. */
    abstract void dot1(Q8Activations a, int i, int g0, int g1, float[] out, int base);

    /**
     * Group {@code g}'s weights for columns {@code [k0, k0+kc)} as floats, {@code panel[k*32 + lane]}, for the f32
     * panel path, which only types without {@link #ggmlOrder} take.
     */
    void unpack(int g, int k0, int kc, float[] panel) {
        throw new IllegalStateException(type() + " multiplies every batch with its integer kernels, it has no float panels");
    }

    /** Whether every batch follows ggml's float order exactly (integer kernels, never the f32 panel path). */
    boolean ggmlOrder() {
        return false;
    }

    /**
     * Storage position of group row {@code r} in the repacked layouts ({@link Q4Nibbles}, {@link Q8Bytes}): each
     * 16-row half interleaves rows {@code j} and {@code j+8}, so the 32-bit lanes of a 16-lane int16 vector hold
     * row {@code j} in their low half and row {@code j+8} in their high half, which a shift pair separates.
     */
    static int lane(int r) {
        return (r & 16) | (r & 7) << 1 | (r >> 3 & 1);
    }

    /**
     * ggml's {@code hsum_float_8} over 8 quad accumulators {@code lanes[k*32 + row]} lane-wise for the group's 32
     * rows into {@code out[o..o+32)}: high 128-bit half plus low half, then movehl, then movehdup, i.e.
     * {@code ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7))}; then plus {@code lanes[8*32 + row]} (Q4_1's min terms) when
     * {@code mins}.
     */
    static void sumQuads(float[] lanes, boolean mins, float[] out, int o) {
        for (int r = 0; r < GROUP; r += 8) {
            FloatVector a0 = FloatVector.fromArray(F, lanes, r);
            FloatVector a1 = FloatVector.fromArray(F, lanes, r + GROUP);
            FloatVector a2 = FloatVector.fromArray(F, lanes, r + 2 * GROUP);
            FloatVector a3 = FloatVector.fromArray(F, lanes, r + 3 * GROUP);
            FloatVector a4 = FloatVector.fromArray(F, lanes, r + 4 * GROUP);
            FloatVector a5 = FloatVector.fromArray(F, lanes, r + 5 * GROUP);
            FloatVector a6 = FloatVector.fromArray(F, lanes, r + 6 * GROUP);
            FloatVector a7 = FloatVector.fromArray(F, lanes, r + 7 * GROUP);
            FloatVector sum = a0.add(a4).add(a2.add(a6)).add(a1.add(a5).add(a3.add(a7)));
            if (mins) sum = sum.add(FloatVector.fromArray(F, lanes, r + 8 * GROUP));
            sum.intoArray(out, o + r);
        }
    }

    /** {@code products[b*32 + row] = d_w[g][b][row] * d_x[b]} for group {@code g}, activation row starting at {@code sRow}. */
    static void scaleProducts(float[] scales, int g, int blocks, float[] dx, int sRow, float[] products) {
        for (int b = 0, sp = g * blocks * GROUP; b < blocks; b++, sp += GROUP) {
            float c = dx[sRow + b];
            for (int r = 0; r < GROUP; r += 8) FloatVector.fromArray(F, scales, sp + r).mul(c).intoArray(products, b * GROUP + r);
        }
    }

    /** Whether activations carry Q8_1 block sums (only Q4_1 weights need them). */
    boolean needsSums() {
        return false;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    @Override
    public final Activations newActivations(int maxRows) {
        return new Q8Activations(maxRows, cols, needsSums(), !ggmlOrder());
    }

    @Override
    public final void prepare(float[] x, int xOffset, int n, Activations acts) {
        Objects.requireNonNull(x, "x");
        activations(acts).quantize(x, xOffset, n);
    }

    @Override
    public final void multiply(Activations acts, int n, float[] out, int outOffset, int outStride, int rowStart, int rowEnd) {
        Q8Activations a = activations(acts);
        Objects.requireNonNull(out, "out");
        if (n < 0 || n > a.rows()) throw new IllegalArgumentException("multiply of " + n + " rows but " + a.rows() + " were prepared");
        if (rowStart < 0 || rowStart > rowEnd || rowEnd > rows) {
            throw new IndexOutOfBoundsException("row range [" + rowStart + ", " + rowEnd + ") is outside a " + type() + " matrix of " + rows + " rows");
        }
        if (n == 0 || rowStart == rowEnd) return;
        if (outOffset < 0 || (n > 1 && outStride < 0) || (long) outOffset + (long) (n - 1) * outStride + rowEnd > out.length) {
            throw new IndexOutOfBoundsException("output of " + n + " rows (offset " + outOffset + ", stride " + outStride + ", rows to " + rowEnd + ") does not fit an array of " + out.length);
        }
        int fullStart = (rowStart + GROUP - 1) / GROUP;
        int fullEnd = rowEnd / GROUP;
        if (fullStart >= fullEnd) {
            for (int g = rowStart / GROUP; g * GROUP < rowEnd; g++) edgeGroup(a, n, g, out, outOffset, outStride, rowStart, rowEnd);
            return;
        }
        if (rowStart % GROUP != 0) edgeGroup(a, n, fullStart - 1, out, outOffset, outStride, rowStart, rowEnd);
        groups(a, n, fullStart, fullEnd, out, outOffset + fullStart * GROUP, outStride);
        if (rowEnd % GROUP != 0) edgeGroup(a, n, fullEnd, out, outOffset, outStride, rowStart, rowEnd);
    }

    private void edgeGroup(Q8Activations a, int n, int g, float[] out, int outOffset, int outStride, int rowStart, int rowEnd) {
        groups(a, n, g, g + 1, a.edge, 0, GROUP);
        int lo = Math.max(rowStart, g * GROUP);
        int hi = Math.min(rowEnd, g * GROUP + GROUP);
        for (int i = 0; i < n; i++) {
            System.arraycopy(a.edge, i * GROUP + lo - g * GROUP, out, outOffset + i * outStride + lo, hi - lo);
        }
    }

    /** Whole groups {@code [g0,g1)} for all {@code n} rows into {@code dst[base + i*stride + (g-g0)*32 + lane]}. */
    private void groups(Q8Activations a, int n, int g0, int g1, float[] dst, int base, int stride) {
        if (!a.floatForm()) {
            int i = 0;
            for (; i + 2 <= n; i += 2) dot2(a, i, g0, g1, dst, base + i * stride, stride);
            if (i < n) dot1(a, i, g0, g1, dst, base + i * stride);
            return;
        }
        int chunks = (cols + Q8Activations.MAX_PANEL_COLS - 1) / Q8Activations.MAX_PANEL_COLS;
        int chunk = (blocks + chunks - 1) / chunks * 32;
        for (int g = g0; g < g1; g++) {
            int at = base + (g - g0) * GROUP;
            for (int k0 = 0; k0 < cols; k0 += chunk) {
                int kc = Math.min(chunk, cols - k0);
                unpack(g, k0, kc, a.panel);
                Q8FloatTiles.multiply(a.panel, 0, kc, a.values, k0, cols, n, dst, at, stride, k0 > 0);
            }
        }
    }

    private Q8Activations activations(Activations acts) {
        if (!(acts instanceof Q8Activations a)) {
            throw new IllegalArgumentException(type() + " matrix needs activations from its own newActivations, got " + (acts == null ? "null" : acts.getClass().getSimpleName()));
        }
        if (a.cols != cols || a.withSums != needsSums()) {
            throw new IllegalArgumentException(type() + " matrix of " + cols + " columns cannot use activations made for " + a.cols + " columns" + (a.withSums != needsSums() ? " of another quantization" : ""));
        }
        return a;
    }
}
