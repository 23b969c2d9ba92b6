package dev.schemagate.decoder.model;

import dev.schemagate.kernels.Activations;
import dev.schemagate.kernels.WeightMatrix;
import dev.schemagate.kernels.ops.FlashAttention;
import dev.schemagate.kernels.ops.FloatVectors;
import dev.schemagate.kernels.ops.Half;
import dev.schemagate.kernels.ops.RmsNorm;
import dev.schemagate.kernels.ops.Rope;
import dev.schemagate.kernels.ops.SwiGlu;
import dev.schemagate.kernels.parallel.ThreadTeam;

/**
 * The forward pass of a Llama-family decoder over a {@link Batch} of rows, on a team of threads.
 *
 * <p>Every thread runs the same program: it splits each matrix's output rows with the others and meets them
 * at a barrier wherever the next step reads what all threads wrote (six barriers per layer). Norms and
 * activation preparation are cheap, so every thread does them for all rows itself rather than wait for a share.
 * Nothing is allocated per step.
 */
public final class Transformer {
    private final ModelConfig c;
    private final ModelWeights w;
    private final ThreadTeam team;
    private final int maxRows;
    private final int maxPositions;
    private final int qkvDim;
    private final float attentionScale;
    private final Rope rope;

    private final float[] x;       // residual stream [row][dim]
    private final float[] qkv;     // [row][q | k | v]
    private final float[] att;     // attention output [row][qDim]
    private final float[] gate;    // [row][ffn], then silu(gate) * up
    private final float[] up;      // [row][ffn]
    private final float[][] normed;        // per thread: normalized rows [row][dim]
    private final FlashAttention[] attention;  // per thread
    private final Activations[][] acts;    // per thread, per slot
    private final int[] logitSource;       // logit row -> batch row
    private final int[] runStart;          // batch rows where a run of consecutive positions of one sequence starts
    private int runs;
    /** Attention work units: a run of at least {@code TILED_MIN_ROWS} rows (its index) or one row {@code i} ({@code -1 - i}). */
    private final int[] unitRun;
    private int units;

    private Batch batch;
    private float[] logits;
    private final ThreadTeam.Task step = this::run;

    /**
     * @param maxRows       most rows a batch may have (prompt chunk size or decode batch width)
     * @param maxPositions  longest sequence any KV cache will hold
     */
    public Transformer(ModelWeights weights, ThreadTeam team, int maxRows, int maxPositions) {
        this.c = weights.config();
        this.w = weights;
        this.team = team;
        this.maxRows = maxRows;
        this.maxPositions = maxPositions;
        this.qkvDim = c.qDim() + 2 * c.kvDim();
        this.attentionScale = 1f / (float) Math.sqrt(c.headDim());
        this.rope = new Rope(c.headDim(), c.ropeDims(), c.ropeBase(), maxPositions, c.architecture().neoxRope());
        x = new float[maxRows * c.dim()];
        qkv = new float[maxRows * qkvDim];
        att = new float[maxRows * c.qDim()];
        gate = new float[maxRows * c.ffnDim()];
        up = new float[maxRows * c.ffnDim()];
        int threads = team.size();
        normed = new float[threads][maxRows * c.dim()];
        attention = new FlashAttention[threads];
        for (int t = 0; t < threads; t++) attention[t] = new FlashAttention(c.headDim(), maxPositions);
        acts = new Activations[threads][weights.slotMatrices().size()];
        for (int t = 0; t < threads; t++) {
            for (int s = 0; s < acts[t].length; s++) acts[t][s] = weights.slotMatrices().get(s).newActivations(maxRows);
        }
        logitSource = new int[maxRows];
        runStart = new int[maxRows + 1];
        unitRun = new int[maxRows];
    }

    public ModelConfig config() {
        return c;
    }

    /** Most rows one batch may have. */
    public int maxRows() {
        return maxRows;
    }

    /** Most positions a sequence may reach. */
    public int maxPositions() {
        return maxPositions;
    }

    /**
     * Runs the batch: writes every row's keys and values into its cache, and the logits of the rows that asked
     * for them into {@code logits} ({@code [logit row][vocab]}).
     */
    public void forward(Batch batch, float[] logits) {
        if (batch.size == 0) return;
        if (batch.size > maxRows) throw new IllegalArgumentException("batch of " + batch.size + " rows exceeds " + maxRows);
        if (logits.length < (long) batch.logitRows * c.vocabSize()) throw new IllegalArgumentException("logits array too small");
        for (int i = 0; i < batch.size; i++) {
            int token = batch.tokens[i];
            if (token < 0 || token >= c.vocabSize()) throw new IllegalArgumentException("token id " + token + " is outside the vocabulary");
            if (batch.positions[i] >= maxPositions) {
                throw new IllegalArgumentException("position " + batch.positions[i] + " exceeds the " + maxPositions + " positions this engine was sized for");
            }
            if (batch.logitRow[i] >= 0) logitSource[batch.logitRow[i]] = i;
        }
        runs = 0;
        for (int i = 0; i < batch.size; i++) {
            if (i == 0 || batch.caches[i] != batch.caches[i - 1] || batch.positions[i] != batch.positions[i - 1] + 1) runStart[runs++] = i;
        }
        runStart[runs] = batch.size;
        // ggml picks its attention kernel by the rows of the whole batch; choosing it per run instead gives every
        // sequence the same arithmetic whatever else shares its batch (a lone prompt chunk is its whole batch anyway).
        units = 0;
        for (int r = 0; r < runs; r++) {
            if (runStart[r + 1] - runStart[r] >= FlashAttention.TILED_MIN_ROWS) unitRun[units++] = r;
            else for (int i = runStart[r]; i < runStart[r + 1]; i++) unitRun[units++] = -1 - i;
        }
        this.batch = batch;
        this.logits = logits;
        try {
            team.run(step);
        } finally {
            this.batch = null;
            this.logits = null;
        }
    }

    private void run(int t) {
        int threads = team.size();
        int n = batch.size;
        int dim = c.dim();
        for (int i = t; i < n; i += threads) w.tokenEmbedding().dequantizeRow(batch.tokens[i], x, i * dim);
        team.barrier(t);
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights layer = w.layers().get(l);
            attention(t, threads, n, l, layer);
            feedForward(t, threads, n, layer);
        }
        head(t, threads);
    }

    private void attention(int t, int threads, int n, int l, LayerWeights layer) {
        int dim = c.dim();
        float[] xb = normed[t];
        for (int i = 0; i < n; i++) RmsNorm.apply(xb, i * dim, x, i * dim, layer.attentionNorm(), dim, c.rmsEps());
        multiply(t, threads, layer.qkv(), xb, n, qkv, qkvDim);
        team.barrier(t);

        for (int i = t; i < n; i += threads) positionQkv(i, l, layer);
        team.barrier(t);

        int groups = c.heads() / c.kvHeads();
        for (int item = t; item < units * c.heads(); item += threads) {
            int h = item % c.heads();
            int u = item / c.heads();
            if (unitRun[u] >= 0) attendRun(t, unitRun[u], h, h / groups, l);
            else attendHead(t, -1 - unitRun[u], h, h / groups, l);
        }
        team.barrier(t);

        addToResidual(t, threads, n, layer.attentionOutput(), att);
        team.barrier(t);
    }

    /** Bias, per-head q/k norm, RoPE, and the cache write of row i. */
    private void positionQkv(int i, int l, LayerWeights layer) {
        int base = i * qkvDim;
        int hd = c.headDim();
        if (layer.qkvBias() != null) FloatVectors.add(qkv, base, layer.qkvBias(), 0, qkvDim);
        int kBase = base + c.qDim();
        int vBase = kBase + c.kvDim();
        if (layer.qNorm() != null) {
            for (int h = 0; h < c.heads(); h++) RmsNorm.apply(qkv, base + h * hd, qkv, base + h * hd, layer.qNorm(), hd, c.rmsEps());
            for (int h = 0; h < c.kvHeads(); h++) RmsNorm.apply(qkv, kBase + h * hd, qkv, kBase + h * hd, layer.kNorm(), hd, c.rmsEps());
        }
        int pos = batch.positions[i];
        rope.rotate(qkv, base, c.heads(), hd, pos);
        rope.rotate(qkv, kBase, c.kvHeads(), hd, pos);
        KvCache cache = batch.caches[i];
        // llama.cpp keeps keys and values in an f16 cache
        for (int j = 0; j < c.kvDim(); j++) {
            cache.keys[l][pos * c.kvDim() + j] = Half.round(qkv[kBase + j]);
            cache.values[l][pos * c.kvDim() + j] = Half.round(qkv[vBase + j]);
        }
    }

    /**
     * softmax(q·K / sqrt(d)) · V for query head h of row i over positions 0..pos of its sequence, with ggml's kernel
     * for batches of fewer than 64 rows (here: rows of runs shorter than that).
     */
    private void attendHead(int t, int i, int h, int kvHead, int l) {
        int hd = c.headDim();
        KvCache cache = batch.caches[i];
        attention[t].attend(qkv, i * qkvDim + h * hd, cache.keys[l], cache.values[l], kvHead * hd, c.kvDim(),
                batch.positions[i] + 1, attentionScale, att, i * c.qDim() + h * hd);
    }

    /** The same for query head h of every row of a run, with ggml's tiled kernel for runs of 64 rows or more. */
    private void attendRun(int t, int run, int h, int kvHead, int l) {
        int hd = c.headDim();
        int first = runStart[run];
        KvCache cache = batch.caches[first];
        attention[t].attendTiled(qkv, first * qkvDim + h * hd, qkvDim, runStart[run + 1] - first, batch.positions[first],
                cache.keys[l], cache.values[l], kvHead * hd, c.kvDim(), attentionScale, att, first * c.qDim() + h * hd, c.qDim());
    }

    private void feedForward(int t, int threads, int n, LayerWeights layer) {
        int dim = c.dim();
        int ffn = c.ffnDim();
        float[] xb = normed[t];
        for (int i = 0; i < n; i++) RmsNorm.apply(xb, i * dim, x, i * dim, layer.ffnNorm(), dim, c.rmsEps());
        Projection g = layer.gate();
        Projection u = layer.up();
        g.matrix().prepare(xb, 0, n, acts[t][g.slot()]);
        if (u.slot() != g.slot()) u.matrix().prepare(xb, 0, n, acts[t][u.slot()]);
        int from = shareStart(t, threads, ffn);
        int to = shareStart(t + 1, threads, ffn);
        g.matrix().multiply(acts[t][g.slot()], n, gate, 0, ffn, from, to);
        u.matrix().multiply(acts[t][u.slot()], n, up, 0, ffn, from, to);
        for (int i = 0; i < n; i++) SwiGlu.apply(gate, i * ffn + from, up, i * ffn + from, gate, i * ffn + from, to - from);
        team.barrier(t);

        addToResidual(t, threads, n, layer.down(), gate);
        team.barrier(t);
    }

    /**
     * x += p · input for this thread's share of the residual's columns. The product lands in normed[t] (free
     * until the next norm), so no thread reads a column another one is writing.
     */
    private void addToResidual(int t, int threads, int n, Projection p, float[] input) {
        int dim = c.dim();
        float[] product = normed[t];
        int from = shareStart(t, threads, dim);
        int to = shareStart(t + 1, threads, dim);
        p.matrix().prepare(input, 0, n, acts[t][p.slot()]);
        p.matrix().multiply(acts[t][p.slot()], n, product, 0, dim, from, to);
        for (int i = 0; i < n; i++) FloatVectors.add(x, i * dim + from, product, i * dim + from, to - from);
    }

    private void head(int t, int threads) {
        int rows = batch.logitRows;
        if (rows == 0) return;
        int dim = c.dim();
        float[] xb = normed[t];
        for (int r = 0; r < rows; r++) RmsNorm.apply(xb, r * dim, x, logitSource[r] * dim, w.outputNorm(), dim, c.rmsEps());
        Projection out = w.output();
        out.matrix().prepare(xb, 0, rows, acts[t][out.slot()]);
        out.matrix().multiply(acts[t][out.slot()], rows, logits, 0, c.vocabSize(),
                shareStart(t, threads, c.vocabSize()), shareStart(t + 1, threads, c.vocabSize()));
    }

    private void multiply(int t, int threads, Projection p, float[] input, int n, float[] out, int outStride) {
        WeightMatrix m = p.matrix();
        m.prepare(input, 0, n, acts[t][p.slot()]);
        m.multiply(acts[t][p.slot()], n, out, 0, outStride, shareStart(t, threads, m.rows()), shareStart(t + 1, threads, m.rows()));
    }

    /** Where thread t's share of {@code rows} output rows starts; shares are multiples of 16 so kernel tiles stay whole. */
    private static int shareStart(int t, int threads, int rows) {
        int units = (rows + 15) / 16;
        return Math.min(rows, (int) ((long) units * t / threads) * 16);
    }
}
