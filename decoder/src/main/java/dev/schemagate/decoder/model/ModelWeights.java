package dev.schemagate.decoder.model;

import dev.schemagate.decoder.gguf.GgufFile;
import dev.schemagate.decoder.gguf.GgufFormatException;
import dev.schemagate.decoder.gguf.GgufTensor;
import dev.schemagate.kernels.GgmlType;
import dev.schemagate.kernels.WeightMatrices;
import dev.schemagate.kernels.WeightMatrix;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * All weights of a model, repacked by the kernels from the memory-mapped GGUF. The token embedding doubles
 * as the output head when the file has no {@code output.weight} (tied embeddings).
 *
 * @param slotMatrices one matrix per activation scratch slot, to create each thread's scratch from
 */
public record ModelWeights(ModelConfig config, WeightMatrix tokenEmbedding, List<LayerWeights> layers,
                           float[] outputNorm, Projection output,
                           List<WeightMatrix> slotMatrices) {

    /**
     * Repacks every tensor; {@code progress} hears each layer done.
     *
     * @throws GgufFormatException when a tensor is missing, has the wrong shape or a type without a kernel
     */
    public static ModelWeights load(GgufFile gguf, ModelConfig c, LoadProgress progress) throws GgufFormatException {
        SlotTable slots = new SlotTable();
        GgufTensor embedding = matrixTensor(gguf, "token_embd.weight", c.dim(), c.vocabSize());
        WeightMatrix tokenEmbedding = create(embedding);
        List<LayerWeights> layers = new ArrayList<>();
        progress.layersLoaded(0, c.layers());
        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            Architecture arch = c.architecture();
            WeightMatrix qkv = stack(
                    matrixTensor(gguf, p + "attn_q.weight", c.dim(), c.qDim()),
                    matrixTensor(gguf, p + "attn_k.weight", c.dim(), c.kvDim()),
                    matrixTensor(gguf, p + "attn_v.weight", c.dim(), c.kvDim()));
            float[] bias = null;
            if (arch.attentionBias()) {
                bias = concat(vector(gguf, p + "attn_q.bias", c.qDim()), vector(gguf, p + "attn_k.bias", c.kvDim()),
                        vector(gguf, p + "attn_v.bias", c.kvDim()));
            }
            float[] qNorm = arch.qkNorm() ? vector(gguf, p + "attn_q_norm.weight", c.headDim()) : null;
            float[] kNorm = arch.qkNorm() ? vector(gguf, p + "attn_k_norm.weight", c.headDim()) : null;
            layers.add(new LayerWeights(vector(gguf, p + "attn_norm.weight", c.dim()), slots.assign(qkv), bias, qNorm,
                    kNorm, slots.assign(create(matrixTensor(gguf, p + "attn_output.weight", c.qDim(), c.dim()))),
                    vector(gguf, p + "ffn_norm.weight", c.dim()),
                    slots.assign(create(matrixTensor(gguf, p + "ffn_gate.weight", c.dim(), c.ffnDim()))),
                    slots.assign(create(matrixTensor(gguf, p + "ffn_up.weight", c.dim(), c.ffnDim()))),
                    slots.assign(create(matrixTensor(gguf, p + "ffn_down.weight", c.ffnDim(), c.dim())))));
            progress.layersLoaded(l + 1, c.layers());
        }
        float[] outputNorm = vector(gguf, "output_norm.weight", c.dim());
        WeightMatrix output = gguf.findTensor("output.weight").isPresent()
                ? create(matrixTensor(gguf, "output.weight", c.dim(), c.vocabSize()))
                : tokenEmbedding;
        return new ModelWeights(c, tokenEmbedding, List.copyOf(layers), outputNorm, slots.assign(output),
                List.copyOf(slots.representatives));
    }

    private static GgufTensor matrixTensor(GgufFile gguf, String name, int cols, int rows) throws GgufFormatException {
        GgufTensor t = gguf.tensor(name);
        if (t.cols() != cols || t.rows() != rows) {
            throw new GgufFormatException("tensor " + name + " is " + t.cols() + "x" + t.rows() + ", expected "
                    + cols + "x" + rows + " (columns x rows)");
        }
        if (!t.type().supported()) {
            throw new GgufFormatException("tensor " + name + " has type " + t.type() + ", which schemagate has no kernel for");
        }
        return t;
    }

    private static float[] vector(GgufFile gguf, String name, int size) throws GgufFormatException {
        GgufTensor t = gguf.tensor(name);
        if (t.elementCount() != size) {
            throw new GgufFormatException("tensor " + name + " has " + t.elementCount() + " values, expected " + size);
        }
        return t.toFloats();
    }

    private static WeightMatrix create(GgufTensor t) {
        return WeightMatrices.create(t.type(), t.cols(), t.data());
    }

    private static WeightMatrix stack(GgufTensor... parts) {
        GgmlType type = parts[0].type();
        boolean sameType = true;
        for (GgufTensor t : parts) sameType &= t.type() == type;
        if (sameType) {
            MemorySegment[] data = new MemorySegment[parts.length];
            for (int i = 0; i < parts.length; i++) data[i] = parts[i].data();
            return WeightMatrices.create(type, parts[0].cols(), data);
        }
        WeightMatrix[] matrices = new WeightMatrix[parts.length];
        for (int i = 0; i < parts.length; i++) matrices[i] = create(parts[i]);
        return new StackedMatrix(matrices);
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Gives matrices with the same kernel class and width one shared activation slot. */
    private static final class SlotTable {
        private final List<WeightMatrix> representatives = new ArrayList<>();

        Projection assign(WeightMatrix m) {
            for (int s = 0; s < representatives.size(); s++) {
                WeightMatrix r = representatives.get(s);
                if (r.getClass() == m.getClass() && r.cols() == m.cols() && !(m instanceof StackedMatrix)) {
                    return new Projection(m, s);
                }
            }
            representatives.add(m);
            return new Projection(m, representatives.size() - 1);
        }
    }
}
