package dev.schemagate.decoder.model;

import dev.schemagate.kernels.WeightMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward pass written as plain scalar math in double precision, one token at a time, from the dequantized
 * weights: the oracle the threaded, batched, quantized-activation {@link Transformer} is checked against.
 */
final class ReferenceForward {
    private final ModelConfig c;
    private final ModelWeights w;
    private final List<double[][]> keys = new ArrayList<>();   // per layer: [position][kvDim]
    private final List<double[][]> values = new ArrayList<>();
    private final double[][][] matrices;                      // per layer: qkv, o, gate, up, down
    private final double[][] output;
    private int position;

    ReferenceForward(ModelWeights w, int capacity) {
        this.c = w.config();
        this.w = w;
        matrices = new double[c.layers()][][];
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights layer = w.layers().get(l);
            keys.add(new double[capacity][]);
            values.add(new double[capacity][]);
            matrices[l] = new double[][] {flat(layer.qkv().matrix()), flat(layer.attentionOutput().matrix()),
                    flat(layer.gate().matrix()), flat(layer.up().matrix()), flat(layer.down().matrix())};
        }
        output = new double[][] {flat(w.output().matrix())};
    }

    /** Logits after feeding {@code token} at the next position. */
    double[] step(int token) {
        int dim = c.dim();
        int hd = c.headDim();
        double[] x = toDouble(row(w.tokenEmbedding(), token));
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights layer = w.layers().get(l);
            double[][] m = matrices[l];
            double[] qkv = matvec(m[0], rmsNorm(x, layer.attentionNorm()), c.qDim() + 2 * c.kvDim());
            if (layer.qkvBias() != null) for (int i = 0; i < qkv.length; i++) qkv[i] += layer.qkvBias()[i];
            double[] q = slice(qkv, 0, c.qDim());
            double[] k = slice(qkv, c.qDim(), c.kvDim());
            double[] v = slice(qkv, c.qDim() + c.kvDim(), c.kvDim());
            if (layer.qNorm() != null) {
                for (int h = 0; h < c.heads(); h++) normalizeHead(q, h * hd, layer.qNorm());
                for (int h = 0; h < c.kvHeads(); h++) normalizeHead(k, h * hd, layer.kNorm());
            }
            for (int h = 0; h < c.heads(); h++) rope(q, h * hd);
            for (int h = 0; h < c.kvHeads(); h++) rope(k, h * hd);
            keys.get(l)[position] = k;
            values.get(l)[position] = v;

            double[] att = new double[c.qDim()];
            int group = c.heads() / c.kvHeads();
            for (int h = 0; h < c.heads(); h++) {
                int kvOff = (h / group) * hd;
                double[] s = new double[position + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int p = 0; p <= position; p++) {
                    double dot = 0;
                    for (int d = 0; d < hd; d++) dot += q[h * hd + d] * keys.get(l)[p][kvOff + d];
                    s[p] = dot / Math.sqrt(hd);
                    max = Math.max(max, s[p]);
                }
                double sum = 0;
                for (int p = 0; p <= position; p++) sum += s[p] = Math.exp(s[p] - max);
                for (int p = 0; p <= position; p++) {
                    for (int d = 0; d < hd; d++) att[h * hd + d] += s[p] / sum * values.get(l)[p][kvOff + d];
                }
            }
            add(x, matvec(m[1], att, dim));
            double[] xb = rmsNorm(x, layer.ffnNorm());
            double[] gate = matvec(m[2], xb, c.ffnDim());
            double[] up = matvec(m[3], xb, c.ffnDim());
            double[] h = new double[c.ffnDim()];
            for (int i = 0; i < h.length; i++) h[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
            add(x, matvec(m[4], h, dim));
        }
        position++;
        return matvec(output[0], rmsNorm(x, w.outputNorm()), c.vocabSize());
    }

    private double[] rmsNorm(double[] x, float[] weight) {
        double ss = 0;
        for (double v : x) ss += v * v;
        double scale = 1 / Math.sqrt(ss / x.length + c.rmsEps());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] * scale * weight[i];
        return out;
    }

    private void normalizeHead(double[] v, int off, float[] weight) {
        double[] head = rmsNorm(slice(v, off, c.headDim()), weight);
        System.arraycopy(head, 0, v, off, head.length);
    }

    /** Llama rotates adjacent pairs (2i, 2i+1); NeoX pairs (i, i + d/2). */
    private void rope(double[] v, int off) {
        int half = c.ropeDims() / 2;
        for (int i = 0; i < half; i++) {
            double theta = position * Math.pow(c.ropeBase(), -2.0 * i / c.ropeDims());
            int a = c.architecture().neoxRope() ? off + i : off + 2 * i;
            int b = c.architecture().neoxRope() ? off + i + half : off + 2 * i + 1;
            double x0 = v[a];
            double x1 = v[b];
            v[a] = x0 * Math.cos(theta) - x1 * Math.sin(theta);
            v[b] = x0 * Math.sin(theta) + x1 * Math.cos(theta);
        }
    }

    private static double[] matvec(double[] m, double[] x, int rows) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) s += m[r * x.length + i] * x[i];
            out[r] = s;
        }
        return out;
    }

    private static double[] flat(WeightMatrix m) {
        double[] out = new double[m.rows() * m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            float[] row = row(m, r);
            for (int i = 0; i < row.length; i++) out[r * m.cols() + i] = row[i];
        }
        return out;
    }

    private static float[] row(WeightMatrix m, int r) {
        float[] row = new float[m.cols()];
        m.dequantizeRow(r, row, 0);
        return row;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }

    private static double[] slice(double[] v, int from, int n) {
        double[] out = new double[n];
        System.arraycopy(v, from, out, 0, n);
        return out;
    }

    private static void add(double[] y, double[] x) {
        for (int i = 0; i < y.length; i++) y[i] += x[i];
    }
}
