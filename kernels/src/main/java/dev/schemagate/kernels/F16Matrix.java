package dev.schemagate.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * An IEEE fp16 matrix kept as fp16 (half the bytes of f32, which wins once the weights stream from memory) in
 * rows zero-padded to {@link FloatGemm#STEP}. Lanes are widened with integer ops (exponent rebias by a multiply
 * by 2^112, exact for normal and subnormal halves); non-finite weights are refused at load since that trick
 * cannot express them. One activation row is multiplied on the fly; several share weight panels decoded to f32.
 */
public final class F16Matrix implements WeightMatrix {
    private static final VectorSpecies<Float> F = FloatGemm.F;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final int L = F.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final float REBIAS = 0x1p112f;

    private final int rows;
    private final int cols;
    private final int stride;
    private final MemorySegment weights;

    public F16Matrix(int cols, MemorySegment... parts) {
        FragmentedRows src = FragmentedRows.of(GgmlType.F16, cols, parts);
        this.rows = src.rows();
        this.cols = cols;
        this.stride = FloatGemm.stride(cols);
        this.weights = Arena.ofAuto().allocate((long) rows * stride * Short.BYTES, 64);
        for (int r = 0; r < rows; r++) {
            MemorySegment row = src.row(r);
            for (int c = 0; c < cols; c++) {
                short h = row.get(FragmentedRows.SHORT_LE, 2L * c);
                if ((h & 0x7c00) == 0x7c00) {
                    throw new IllegalArgumentException("F16 matrix: weight at row " + r + ", column " + c + " is not finite");
                }
            }
            MemorySegment.copy(row, 0, weights, rowOffset(r), (long) cols * Short.BYTES);
        }
    }

    /** Writes {@code n} floats as little-endian fp16, rounded to nearest even. */
    public static void quantizeRow(float[] src, int srcOffset, int n, MemorySegment dst, long dstOffset) {
        for (int i = 0; i < n; i++) dst.set(FragmentedRows.SHORT_LE, dstOffset + 2L * i, Float.floatToFloat16(src[srcOffset + i]));
    }

    private long rowOffset(int r) {
        return (long) r * stride * Short.BYTES;
    }

    @Override
    public GgmlType type() {
        return GgmlType.F16;
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
        return new FloatActivations(GgmlType.F16, cols, stride, maxRows, 0, maxRows > 1 ? FloatGemm.panelRows(stride) : 0);
    }

    @Override
    public void prepare(float[] x, int xOffset, int n, Activations acts) {
        FloatActivations.check(acts, GgmlType.F16, cols, n).load(x, xOffset, n);
    }

    @Override
    public void multiply(Activations acts, int n, float[] out, int outOffset, int outStride, int rowStart, int rowEnd) {
        FloatActivations a = FloatActivations.check(acts, GgmlType.F16, cols, n);
        FloatActivations.checkOutput(rows, n, out, outOffset, outStride, rowStart, rowEnd);
        if (n == 0) return;
        if (n == 1) {
            for (int r = rowStart; r < rowEnd; r++) out[outOffset + r] = dot(rowOffset(r), a.x);
            return;
        }
        for (int r = rowStart; r < rowEnd; r += a.panelRows) {
            int count = Math.min(a.panelRows, rowEnd - r);
            decode(r, count, a.panel);
            FloatGemm.multiply(a.panel, count, stride, a.x, n, out, outOffset + r, outStride);
        }
    }

    private float dot(long at, float[] x) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0;
        for (int k = 0; k < stride; k += 2 * L) {
            long b = at + 2L * k;
            IntVector h0 = (IntVector) ShortVector.fromMemorySegment(S, weights, b, LE).convertShape(VectorOperators.S2I, I, 0);
            IntVector h1 = (IntVector) ShortVector.fromMemorySegment(S, weights, b + 2L * L, LE).convertShape(VectorOperators.S2I, I, 0);
            FloatVector f0 = h0.and(0x7fff).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(REBIAS);
            FloatVector f1 = h1.and(0x7fff).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(REBIAS);
            f0 = f0.reinterpretAsInts().or(h0.and(0x80000000)).reinterpretAsFloats();
            f1 = f1.reinterpretAsInts().or(h1.and(0x80000000)).reinterpretAsFloats();
            c0 = f0.fma(FloatVector.fromArray(F, x, k), c0);
            c1 = f1.fma(FloatVector.fromArray(F, x, k + L), c1);
        }
        return c0.add(c1).reduceLanes(VectorOperators.ADD);
    }

    /** Rows {@code [r0, r0+count)} as f32 into {@code panel}, {@link #stride} floats apart. */
    private void decode(int r0, int count, float[] panel) {
        for (int i = 0; i < count; i++) {
            long src = rowOffset(r0 + i);
            int dst = i * stride;
            for (int k = 0; k < stride; k += L) {
                IntVector h = (IntVector) ShortVector.fromMemorySegment(S, weights, src + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0);
                FloatVector f = h.and(0x7fff).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(REBIAS);
                f.reinterpretAsInts().or(h.and(0x80000000)).reinterpretAsFloats().intoArray(panel, dst + k);
            }
        }
    }

    @Override
    public void dequantizeRow(int r, float[] dst, int dstOffset) {
        Objects.checkIndex(r, rows);
        Objects.checkFromIndexSize(dstOffset, cols, dst.length);
        long at = rowOffset(r);
        for (int c = 0; c < cols; c++) dst[dstOffset + c] = Float.float16ToFloat(weights.get(FragmentedRows.SHORT_LE, at + 2L * c));
    }
}
