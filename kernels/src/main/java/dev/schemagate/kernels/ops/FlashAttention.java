package dev.schemagate.kernels.ops;

import java.util.Arrays;
import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Causal attention of query heads over f16 keys and values, rounded like ggml's CPU flash attention with an f16 KV
 * cache ({@code ggml_compute_forward_flash_attn_ext_f16}), which llama.cpp uses by default on the CPU. ggml has two
 * kernels, chosen by the number of query rows in the batch:
 * <ul>
 *   <li>{@link #attend}, fewer than {@link #TILED_MIN_ROWS} rows (decode): the query is rounded to f16; one pass
 *       over the positions with an online softmax; each score is an f16 dot product ({@link #dot}) times the scale;
 *       a new maximum rescales the running sum and the output by glibc's {@code expf(old - new)}, otherwise the
 *       value row is weighted by {@code expf(score - max)}; the output accumulates in f16, rounded after every
 *       update.</li>
 *   <li>{@link #attendTiled}, from {@link #TILED_MIN_ROWS} rows (prompt chunks): the query stays f32; positions go in
 *       tiles of 64; a tile's scores are sequential f32 dot products, its weights come from ggml's vector
 *       {@code exp} ({@link VectorExp}) with their sum added in double, and the output accumulates in f32.</li>
 * </ul>
 * Both divide the output by the sum of weights at the end. The f16 dot product, the vector {@code exp} and its sums
 * follow the register width of one of ggml's x86 builds ({@link GgmlIsa}). Not thread-safe: one instance per thread.
 */
public final class FlashAttention {
    /** Query rows from which ggml uses its tiled kernel: one tile of query rows. */
    public static final int TILED_MIN_ROWS = 64;
    /** Positions per tile of the tiled kernel. */
    private static final int KV_TILE = 64;

    /**
     * 256-bit vectors, native on AVX2: one of ggml's AVX2 registers, or half of an AVX-512 one (each of those is
     * emulated as two).
     */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final int L = F.length();
    /** Tree levels: lane {@code i} pairs with lane {@code i ^ w}; the mask marks lanes that take the second vector. */
    private static final VectorShuffle<Float> SWAP_4 = VectorShuffle.fromOp(F, i -> i ^ 4);
    private static final VectorShuffle<Float> SWAP_2 = VectorShuffle.fromOp(F, i -> i ^ 2);
    private static final VectorShuffle<Float> SWAP_1 = VectorShuffle.fromOp(F, i -> i ^ 1);
    private static final VectorMask<Float> UPPER_4 = VectorMask.fromLong(F, 0xf0L);
    private static final VectorMask<Float> UPPER_2 = VectorMask.fromLong(F, 0xccL);
    private static final VectorMask<Float> UPPER_1 = VectorMask.fromLong(F, 0xaaL);
    /** AVX-512's block reduction (levels 4, 2, 1) leaves position {@code p} in lane {@code p} with its three bits reversed. */
    private static final VectorShuffle<Float> BIT_REVERSED = VectorShuffle.fromOp(F, i -> Integer.reverse(i) >>> 29);
    /** AVX2's block reduction (levels 4, 1, 2) leaves position {@code p} in lane {@code p} rotated right by one of three bits. */
    private static final VectorShuffle<Float> ROTATED = VectorShuffle.fromOp(F, i -> i >> 1 | (i & 1) << 2);

    private final GgmlIsa isa;
    /** Elements per step of ggml's f16 dot product: four accumulator registers. */
    private final int step;

    private final int headDim;
    private final int maxPositions;
    /** Scores of the current head, one per position (tiled: one per position of the current tile). */
    private final float[] scores;
    /** Lane sums of {@code L} positions while they are reduced. */
    private final float[] tree = new float[L * L];
    /** The query rounded to f16. */
    private final float[] query;
    /** One tile of keys, transposed: {@code [dimension][position in tile]}. */
    private final float[] tile;
    /** Per query row of {@link #attendTiled}: running maximum score and sum of weights. */
    private final float[] rowMax;
    private final float[] rowSum;

    /** Attention in this CPU's order ({@link GgmlIsa#HOST}). */
    public FlashAttention(int headDim, int maxPositions) {
        this(headDim, maxPositions, GgmlIsa.HOST);
    }

    /**
     * @param headDim      size of a query, key and value head
     * @param maxPositions most positions one call may attend over
     * @param isa          the ggml build whose rounding to follow
     */
    public FlashAttention(int headDim, int maxPositions, GgmlIsa isa) {
        if (headDim <= 0 || maxPositions <= 0) {
            throw new IllegalArgumentException("attention needs a positive head size and position count, got " + headDim + " and " + maxPositions);
        }
        this.isa = Objects.requireNonNull(isa, "isa");
        this.step = 4 * isa.floatLanes();
        this.headDim = headDim;
        this.maxPositions = maxPositions;
        this.scores = new float[Math.max(maxPositions, KV_TILE)];
        this.query = new float[headDim];
        this.tile = new float[headDim * KV_TILE];
        this.rowMax = new float[maxPositions];
        this.rowSum = new float[maxPositions];
    }

    /**
     * ggml's decode kernel: writes the attention output of query {@code q[qOff..qOff+headDim)} over {@code positions}
     * positions into {@code out[outOff..outOff+headDim)}. Position {@code p}'s key and value start at
     * {@code kvOff + p·kvStride} in {@code keys} and {@code values}, which must hold f16 values ({@link Half#round}).
     */
    public void attend(float[] q, int qOff, float[] keys, float[] values, int kvOff, int kvStride, int positions,
                       float scale, float[] out, int outOff) {
        if (positions > maxPositions) throw new IllegalArgumentException("attention over " + positions + " positions exceeds " + maxPositions);
        checkArguments(q, qOff, keys, values, kvOff, kvStride, positions, out, outOff);
        for (int i = 0; i < headDim; i++) query[i] = Half.round(q[qOff + i]);
        score(keys, kvOff, kvStride, positions, scale);
        Arrays.fill(out, outOff, outOff + headDim, 0f);
        float max = Float.NEGATIVE_INFINITY;
        float sum = 0f;
        for (int p = 0; p < positions; p++) {
            float score = scores[p];
            float weight = 1f;
            if (score > max) {
                float shrink = GlibcMath.exp(max - score);
                max = score;
                scaleHalf(out, outOff, shrink);
                sum *= shrink;
            } else {
                weight = GlibcMath.exp(score - max);
            }
            addScaledHalf(out, outOff, values, kvOff + p * kvStride, weight);
            sum += weight;
        }
        FloatVectors.scale(out, outOff, headDim, sum == 0f ? 0f : 1f / sum);
    }

    /**
     * ggml's prompt kernel for {@code rows} consecutive query rows of one sequence at positions
     * {@code firstPosition, firstPosition + 1, ..}: row {@code r}'s query starts at {@code qOff + r·qStride} and its
     * output at {@code outOff + r·outStride}, and it attends over positions {@code 0..firstPosition + r}, laid out as
     * for {@link #attend}. Each tile of keys is transposed once for all rows.
     */
    public void attendTiled(float[] q, int qOff, int qStride, int rows, int firstPosition, float[] keys, float[] values,
                            int kvOff, int kvStride, float scale, float[] out, int outOff, int outStride) {
        if (rows <= 0 || firstPosition < 0) throw new IllegalArgumentException(rows + " query rows from position " + firstPosition);
        int positions = firstPosition + rows;
        if (positions > maxPositions) throw new IllegalArgumentException("attention over " + positions + " positions exceeds " + maxPositions);
        checkArguments(q, qOff, keys, values, kvOff, kvStride, positions, out, outOff);
        Objects.checkFromIndexSize(qOff, (long) (rows - 1) * qStride + headDim, q.length);
        Objects.checkFromIndexSize(outOff, (long) (rows - 1) * outStride + headDim, out.length);
        for (int r = 0; r < rows; r++) Arrays.fill(out, outOff + r * outStride, outOff + r * outStride + headDim, 0f);
        Arrays.fill(rowMax, 0, rows, Float.NEGATIVE_INFINITY);
        Arrays.fill(rowSum, 0, rows, 0f);
        for (int start = 0; start < positions; start += KV_TILE) {
            int count = Math.min(KV_TILE, positions - start);
            transposeTile(keys, kvOff + start * kvStride, kvStride, count);
            for (int r = Math.max(0, start - firstPosition); r < rows; r++) {
                int visible = Math.min(count, firstPosition + r + 1 - start);
                tileStep(q, qOff + r * qStride, visible, scale, values, kvOff + start * kvStride, kvStride, out, outOff + r * outStride, r);
            }
        }
        for (int r = 0; r < rows; r++) FloatVectors.scale(out, outOff + r * outStride, headDim, rowSum[r] == 0f ? 0f : 1f / rowSum[r]);
    }

    /** {@code tile[d][p] = key p of the tile, dimension d}, for the tile's first {@code count} positions. */
    private void transposeTile(float[] keys, int at, int kvStride, int count) {
        for (int p = 0; p < count; p++) {
            for (int d = 0; d < headDim; d++) tile[d * KV_TILE + p] = keys[at + p * kvStride + d];
        }
    }

    /**
     * One tile for one query row that sees its first {@code visible} positions: scores by sequential f32 FMAs over
     * the dimensions (ggml's simd_gemm), the online-softmax update, weights by ggml's vector exp summed per register
     * in a lane tree and then in double, and the weighted value rows added to the f32 output by sequential FMAs.
     */
    private void tileStep(float[] q, int qOff, int visible, float scale, float[] values, int vOff, int kvStride,
                          float[] out, int outOff, int row) {
        tileScores(q, qOff, scale);
        Arrays.fill(scores, visible, KV_TILE, Float.NEGATIVE_INFINITY);
        float tileMax = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < visible; i++) tileMax = tileMax > scores[i] ? tileMax : scores[i];
        float max = rowMax[row];
        float newMax = Math.max(max, tileMax);
        if (newMax > max) {
            float shrink = GlibcMath.exp(max - newMax);
            FloatVectors.scale(out, outOff, headDim, shrink);
            rowSum[row] *= shrink;
        }
        rowMax[row] = newMax;
        for (int i = 0; i < visible; i++) scores[i] -= newMax;
        VectorExp.apply(scores, 0, visible, isa);
        Arrays.fill(scores, visible, KV_TILE, 0f);
        double sum = 0;
        if (isa == GgmlIsa.AVX512) {
            for (int b = 0; b < KV_TILE; b += 16) sum += laneTree(scores, b);
        } else {
            for (int b = 0; b < KV_TILE; b += 8) sum += movehlSum(scores, b);
        }
        rowSum[row] = (float) (rowSum[row] + sum);
        accumulateValues(values, vOff, kvStride, visible, out, outOff);
    }

    /** {@code scores[0..64) = (tile · q) · scale + 0}: per position sequential FMAs over the dimensions. */
    private void tileScores(float[] q, int qOff, float scale) {
        for (int j = 0; j < KV_TILE; j += 4 * L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int d = 0; d < headDim; d++) {
                FloatVector qd = FloatVector.broadcast(F, q[qOff + d]);
                int t = d * KV_TILE + j;
                a0 = FloatVector.fromArray(F, tile, t).fma(qd, a0);
                a1 = FloatVector.fromArray(F, tile, t + L).fma(qd, a1);
                a2 = FloatVector.fromArray(F, tile, t + 2 * L).fma(qd, a2);
                a3 = FloatVector.fromArray(F, tile, t + 3 * L).fma(qd, a3);
            }
            // adding the mask's 0 turns -0 into +0, as ggml's mask addition does
            a0.mul(scale).add(0f).intoArray(scores, j);
            a1.mul(scale).add(0f).intoArray(scores, j + L);
            a2.mul(scale).add(0f).intoArray(scores, j + 2 * L);
            a3.mul(scale).add(0f).intoArray(scores, j + 3 * L);
        }
    }

    /** {@code out += Σ_p weight_p · value_p} over the first {@code visible} positions, sequential FMAs per element. */
    private void accumulateValues(float[] values, int vOff, int kvStride, int visible, float[] out, int outOff) {
        int d = 0;
        for (; d + 4 * L <= headDim; d += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(F, out, outOff + d);
            FloatVector a1 = FloatVector.fromArray(F, out, outOff + d + L);
            FloatVector a2 = FloatVector.fromArray(F, out, outOff + d + 2 * L);
            FloatVector a3 = FloatVector.fromArray(F, out, outOff + d + 3 * L);
            for (int p = 0; p < visible; p++) {
                FloatVector w = FloatVector.broadcast(F, scores[p]);
                int v = vOff + p * kvStride + d;
                a0 = FloatVector.fromArray(F, values, v).fma(w, a0);
                a1 = FloatVector.fromArray(F, values, v + L).fma(w, a1);
                a2 = FloatVector.fromArray(F, values, v + 2 * L).fma(w, a2);
                a3 = FloatVector.fromArray(F, values, v + 3 * L).fma(w, a3);
            }
            a0.intoArray(out, outOff + d);
            a1.intoArray(out, outOff + d + L);
            a2.intoArray(out, outOff + d + 2 * L);
            a3.intoArray(out, outOff + d + 3 * L);
        }
        for (; d < headDim; d++) {
            float acc = out[outOff + d];
            for (int p = 0; p < visible; p++) acc = Math.fma(values[vOff + p * kvStride + d], scores[p], acc);
            out[outOff + d] = acc;
        }
    }

    /**
     * {@code scores[p] = dot(key p, query) · scale}. 8 positions at a time: their lane sums go through the last three
     * tree levels two vectors per step, so one reduction serves 8 dot products. Vectors pass through {@code tree},
     * never across calls, which C2 might not inline.
     */
    private void score(float[] keys, int kvOff, int kvStride, int positions, float scale) {
        int steps = headDim - headDim % step;
        if (isa == GgmlIsa.AVX512) {
            score512(keys, kvOff, kvStride, positions, steps);
        } else {
            score256(keys, kvOff, kvStride, positions, steps);
        }
        for (int r = 0; r < positions; r++) scores[r] = leftovers(scores[r], keys, kvOff + r * kvStride, query, 0, steps, headDim) * scale;
    }

    /** AVX-512's lane sums of every position into {@code scores}, before leftovers and scale. */
    private void score512(float[] keys, int kvOff, int kvStride, int positions, int steps) {
        int p = 0;
        for (; p + L <= positions; p += L) {
            for (int j = 0; j < L; j++) laneSums(query, 0, keys, kvOff + (p + j) * kvStride, steps, tree, j * L);
            for (int j = 0; j < 4; j++) combine(tree, 2 * j * L, UPPER_4, SWAP_4, j * L);
            for (int j = 0; j < 2; j++) combine(tree, 2 * j * L, UPPER_2, SWAP_2, j * L);
            combine(tree, 0, UPPER_1, SWAP_1, 0);
            FloatVector.fromArray(F, tree, 0).rearrange(BIT_REVERSED).intoArray(scores, p);
        }
        for (int r = p; r < positions; r++) {
            laneSums(query, 0, keys, kvOff + r * kvStride, steps, tree, 0);
            scores[r] = movehlSum(tree, 0);
        }
    }

    /** AVX2's lane sums of every position into {@code scores}, before leftovers and scale. */
    private void score256(float[] keys, int kvOff, int kvStride, int positions, int steps) {
        int p = 0;
        for (; p + L <= positions; p += L) {
            for (int j = 0; j < L; j++) registerSums(query, 0, keys, kvOff + (p + j) * kvStride, steps, tree, j * L);
            for (int j = 0; j < 4; j++) combine(tree, 2 * j * L, UPPER_4, SWAP_4, j * L);
            for (int j = 0; j < 2; j++) combine(tree, 2 * j * L, UPPER_1, SWAP_1, j * L);
            combine(tree, 0, UPPER_2, SWAP_2, 0);
            FloatVector.fromArray(F, tree, 0).rearrange(ROTATED).intoArray(scores, p);
        }
        for (int r = p; r < positions; r++) {
            registerSums(query, 0, keys, kvOff + r * kvStride, steps, tree, 0);
            scores[r] = haddSum(tree, 0);
        }
    }

    /**
     * One tree level for the two vectors at {@code tree[at..)} and after, written to {@code tree[to..)}: lane {@code i}
     * becomes {@code a[i] + a[i^w]} where bit {@code w} of {@code i} is clear and {@code b[i] + b[i^w]} where it is set.
     */
    private static void combine(float[] tree, int at, VectorMask<Float> upper, VectorShuffle<Float> swap, int to) {
        FloatVector a = FloatVector.fromArray(F, tree, at);
        FloatVector b = FloatVector.fromArray(F, tree, at + L);
        a.blend(b, upper).add(b.blend(a, upper).rearrange(swap)).intoArray(tree, to);
    }

    /**
     * {@code (acc0 + acc2) + (acc1 + acc3)} of ggml's four 16-lane accumulators for one key, each held as lanes 0-7
     * and 8-15, with the first tree level applied, into {@code dst[to..to+8)}: lane {@code i} is 16-lane lane
     * {@code i} plus lane {@code i+8}.
     */
    private static void laneSums(float[] q, int qOff, float[] keys, int at, int steps, float[] dst, int to) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        for (int i = 0; i < steps; i += 8 * L) {
            s0 = FloatVector.fromArray(F, keys, at + i).fma(FloatVector.fromArray(F, q, qOff + i), s0);
            u0 = FloatVector.fromArray(F, keys, at + i + L).fma(FloatVector.fromArray(F, q, qOff + i + L), u0);
            s1 = FloatVector.fromArray(F, keys, at + i + 2 * L).fma(FloatVector.fromArray(F, q, qOff + i + 2 * L), s1);
            u1 = FloatVector.fromArray(F, keys, at + i + 3 * L).fma(FloatVector.fromArray(F, q, qOff + i + 3 * L), u1);
            s2 = FloatVector.fromArray(F, keys, at + i + 4 * L).fma(FloatVector.fromArray(F, q, qOff + i + 4 * L), s2);
            u2 = FloatVector.fromArray(F, keys, at + i + 5 * L).fma(FloatVector.fromArray(F, q, qOff + i + 5 * L), u2);
            s3 = FloatVector.fromArray(F, keys, at + i + 6 * L).fma(FloatVector.fromArray(F, q, qOff + i + 6 * L), s3);
            u3 = FloatVector.fromArray(F, keys, at + i + 7 * L).fma(FloatVector.fromArray(F, q, qOff + i + 7 * L), u3);
        }
        s0.add(s2).add(s1.add(s3)).add(u0.add(u2).add(u1.add(u3))).intoArray(dst, to);
    }

    /**
     * {@code (acc0 + acc2) + (acc1 + acc3)} of ggml's four 8-lane AVX2 accumulators for one key into {@code dst[to..to+8)}.
     */
    private static void registerSums(float[] q, int qOff, float[] keys, int at, int steps, float[] dst, int to) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0; i < steps; i += 4 * L) {
            s0 = FloatVector.fromArray(F, keys, at + i).fma(FloatVector.fromArray(F, q, qOff + i), s0);
            s1 = FloatVector.fromArray(F, keys, at + i + L).fma(FloatVector.fromArray(F, q, qOff + i + L), s1);
            s2 = FloatVector.fromArray(F, keys, at + i + 2 * L).fma(FloatVector.fromArray(F, q, qOff + i + 2 * L), s2);
            s3 = FloatVector.fromArray(F, keys, at + i + 3 * L).fma(FloatVector.fromArray(F, q, qOff + i + 3 * L), s3);
        }
        s0.add(s2).add(s1.add(s3)).intoArray(dst, to);
    }

    /** The f16 dot product's AVX2 sum of one register {@code x[at..at+8)}: 128-bit halves added, then {@code hadd} twice. */
    private static float haddSum(float[] x, int at) {
        return ((x[at] + x[at + 4]) + (x[at + 1] + x[at + 5])) + ((x[at + 2] + x[at + 6]) + (x[at + 3] + x[at + 7]));
    }

    /**
     * 128-bit halves of {@code x[at..at+8)} added, then {@code movehl}, then {@code movehdup}: AVX2 softmax's sum of
     * one register, and the last levels of {@code _mm512_reduce_add_ps} (quarters, eighths, pair) after its halves.
     */
    private static float movehlSum(float[] x, int at) {
        return ((x[at] + x[at + 4]) + (x[at + 2] + x[at + 6])) + ((x[at + 1] + x[at + 5]) + (x[at + 3] + x[at + 7]));
    }

    /** {@code _mm512_reduce_add_ps} over {@code x[at..at+16)}: halves, quarters, eighths, pair. */
    private static float laneTree(float[] x, int at) {
        float c0 = ((x[at] + x[at + 8]) + (x[at + 4] + x[at + 12])) + ((x[at + 2] + x[at + 10]) + (x[at + 6] + x[at + 14]));
        float c1 = ((x[at + 1] + x[at + 9]) + (x[at + 5] + x[at + 13])) + ((x[at + 3] + x[at + 11]) + (x[at + 7] + x[at + 15]));
        return c0 + c1;
    }

    /**
     * ggml's {@code ggml_vec_dot_f16} on f16 values: with {@code w} lanes per register ({@link GgmlIsa#floatLanes}),
     * per {@code 4w}-element step lane {@code l} of accumulator {@code j} adds {@code a·b} at {@code wj + l} (fused);
     * then {@code (acc0 + acc2) + (acc1 + acc3)}, a pairwise tree over the lanes (AVX-512: halves, quarters, eighths,
     * pair; AVX2: halves, then neighbouring pairs twice by {@code hadd}), and the remaining {@code n mod 4w} products
     * added in double.
     */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n, GgmlIsa isa) {
        Objects.checkFromIndexSize(aOff, n, a.length);
        Objects.checkFromIndexSize(bOff, n, b.length);
        int steps = n - n % (4 * isa.floatLanes());
        float[] lanes = new float[L];
        if (isa == GgmlIsa.AVX512) {
            laneSums(b, bOff, a, aOff, steps, lanes, 0);
            return leftovers(movehlSum(lanes, 0), a, aOff, b, bOff, steps, n);
        }
        registerSums(b, bOff, a, aOff, steps, lanes, 0);
        return leftovers(haddSum(lanes, 0), a, aOff, b, bOff, steps, n);
    }

    private static float leftovers(float reduced, float[] a, int aOff, float[] b, int bOff, int from, int n) {
        double sum = reduced;
        for (int i = from; i < n; i++) sum += a[aOff + i] * b[bOff + i];
        return (float) sum;
    }

    /** {@code y = f16(y · factor)}: ggml_vec_scale_f16. */
    private void scaleHalf(float[] y, int yOff, float factor) {
        FloatVectors.scale(y, yOff, headDim, factor);
        Half.round(y, yOff, headDim);
    }

    /** {@code y = f16(x · weight + y)} with one rounding before the f16 one: ggml_vec_mad_f16. */
    private void addScaledHalf(float[] y, int yOff, float[] x, int xOff, float weight) {
        FloatVectors.axpy(weight, x, xOff, y, yOff, headDim);
        Half.round(y, yOff, headDim);
    }

    private void checkArguments(float[] q, int qOff, float[] keys, float[] values, int kvOff, int kvStride, int positions,
                                float[] out, int outOff) {
        if (positions < 0) throw new IllegalArgumentException("attention over " + positions + " positions");
        Objects.checkFromIndexSize(qOff, headDim, q.length);
        Objects.checkFromIndexSize(outOff, headDim, out.length);
        if (positions > 0) {
            long last = kvOff + (long) (positions - 1) * kvStride;
            Objects.checkFromIndexSize(kvOff, headDim, keys.length);
            Objects.checkFromIndexSize(last, headDim, keys.length);
            Objects.checkFromIndexSize(last, headDim, values.length);
        }
    }
}
