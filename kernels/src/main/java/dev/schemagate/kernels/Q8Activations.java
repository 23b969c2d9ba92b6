package dev.schemagate.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activation rows quantized per 32-block exactly as ggml's x86 {@code quantize_row_q8_0} / {@code quantize_row_q8_1}
 * do (d = amax/127 stored as fp16, q = round-half-even(x * 127/amax), Q8_1 also s = fp16(d * sum q)), kept in one of
 * two forms: int16 quants for the integer kernels, or the dequantized values q*d for the f32 panel kernels that
 * large batches of types without ggml's exact order use. Also holds the per-thread scratch those kernels need.
 */
final class Q8Activations implements Activations {
    /** Batches of at least this many rows use the f32 panel path where allowed (measured crossover, see Q8RowGroups). */
    static final int FLOAT_PATH_MIN_ROWS = 12;
    /** Longest k-range of one dequantized panel: 32 rows x 1024 floats = 128 KB stays in L2 next to the activations. */
    static final int MAX_PANEL_COLS = 1024;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    /** Adding and subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to the nearest integer, ties to even. */
    private static final float ROUNDER = 12582912f;

    private final int capacity;
    final int cols;
    final int blocks;
    /** Whether block sums are kept (Q8_1, for Q4_1 weights) or not (Q8_0). */
    final boolean withSums;
    /** Whether large batches take the float form; without it every batch stays integer (ggml's exact order). */
    private final boolean panels;
    /** Integer form: each int holds the same int16 quant in both halves, so a 32-bit broadcast fills 16-bit lanes. */
    final int[] quants;
    /** Integer form: per-block scale d (fp16-rounded), {@code [row][block]}. */
    final float[] scales;
    /** Integer form: per-block sum of the quants (an exact integer), {@code [row][block]}. */
    final float[] quantSums;
    /** Q8_1 only: per-block s = d * sum(q) (fp16-rounded), {@code [row][block]}. */
    final float[] blockSums;
    /** Float form: q * d per element, {@code [row][col]}; empty when capacity is below the float-path threshold. */
    final float[] values;
    /** Float path: one group's dequantized weights, {@code [k][32 rows]}. */
    final float[] panel;
    /** Output of row groups only partly inside the requested range, {@code [activation row][32]}. */
    final float[] edge;
    /**
     * ggml-order kernels: one row group's 8 per-quad accumulators before their final sum, {@code [quad][32 rows]},
     * then Q4_1's min terms {@code [32 rows]}.
     */
    final float[] lanes = new float[9 * 32];
    /** ggml-order kernels: one row group's {@code d_w*d_x} per block, {@code [block][32 rows]}, reused by all 8 quads. */
    final float[] products;

    private int rows;
    private boolean floatForm;

    Q8Activations(int capacity, int cols, boolean withSums, boolean panels) {
        if (capacity < 1) throw new IllegalArgumentException("activation capacity must be at least 1, got " + capacity);
        this.capacity = capacity;
        this.cols = cols;
        this.blocks = cols / 32;
        this.withSums = withSums;
        this.panels = panels;
        boolean floats = panels && capacity >= FLOAT_PATH_MIN_ROWS;
        int integerRows = floats ? FLOAT_PATH_MIN_ROWS - 1 : capacity;
        long elements = (long) capacity * cols;
        if (elements > Integer.MAX_VALUE) throw new IllegalArgumentException("activation capacity " + capacity + " x " + cols + " is too large");
        this.quants = new int[integerRows * cols];
        this.scales = new float[integerRows * blocks];
        this.quantSums = new float[scales.length];
        this.blockSums = new float[withSums ? capacity * blocks : 0];
        this.values = new float[floats ? (int) elements : 0];
        this.panel = new float[floats ? 32 * Math.min(cols, MAX_PANEL_COLS) : 0];
        this.edge = new float[32 * capacity];
        this.products = new float[panels ? 0 : 32 * blocks];
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** Rows quantized by the last {@link #quantize}. */
    int rows() {
        return rows;
    }

    /** Whether the last {@link #quantize} produced the float form. */
    boolean floatForm() {
        return floatForm;
    }

    /** Quantizes {@code n} rows of {@code cols} floats from {@code x[xOffset]}, choosing the form by {@code n}. */
    void quantize(float[] x, int xOffset, int n) {
        if (n < 0 || n > capacity) throw new IllegalArgumentException("cannot prepare " + n + " rows into activations of capacity " + capacity);
        if (xOffset < 0 || (long) xOffset + (long) n * cols > x.length) {
            throw new IndexOutOfBoundsException(n + " activation rows of " + cols + " from offset " + xOffset + " exceed an array of " + x.length);
        }
        boolean toFloats = panels && n >= FLOAT_PATH_MIN_ROWS;
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < blocks; b++) {
                int src = xOffset + i * cols + b * 32;
                int at = i * cols + b * 32;
                int sb = i * blocks + b;
                FloatVector max = FloatVector.zero(F);
                for (int j = 0; j < 32; j += 8) max = max.max(FloatVector.fromArray(F, x, src + j).abs());
                float amax = max.reduceLanes(VectorOperators.MAX);
                float d = amax / 127f;
                float stored = Float.float16ToFloat(Float.floatToFloat16(d));
                float inverse = amax != 0f ? 127f / amax : 0f;
                FloatVector quantSum = FloatVector.zero(F);
                for (int j = 0; j < 32; j += 8) {
                    FloatVector q = FloatVector.fromArray(F, x, src + j).mul(inverse).add(ROUNDER).sub(ROUNDER);
                    if (toFloats) {
                        q.mul(stored).intoArray(values, at + j);
                    } else {
                        IntVector v = (IntVector) q.convert(VectorOperators.F2I, 0);
                        v.and(0xFFFF).or(v.lanewise(VectorOperators.LSHL, 16)).intoArray(quants, at + j);
                    }
                    quantSum = quantSum.add(q);
                }
                // the quants are integers of magnitude at most 127: their sum is exact in any order
                float sum = quantSum.reduceLanes(VectorOperators.ADD);
                if (!toFloats) {
                    scales[sb] = stored;
                    quantSums[sb] = sum;
                }
                if (withSums) blockSums[sb] = Float.float16ToFloat(Float.floatToFloat16(d * sum));
            }
        }
        this.rows = n;
        this.floatForm = toFloats;
    }
}
