package dev.schemagate.decoder.model;

import dev.schemagate.decoder.gguf.GgufFile;
import dev.schemagate.decoder.gguf.GgufFormatException;

/**
 * The shape of a model, read from its GGUF metadata.
 *
 * @param headDim   size of one attention head (Qwen3 sets it apart from dim / heads)
 * @param ropeDims  leading dimensions of each head that RoPE rotates
 */
public record ModelConfig(Architecture architecture, int dim, int layers, int heads, int kvHeads, int headDim,
                          int ffnDim, int vocabSize, int contextLength, float rmsEps, float ropeBase, int ropeDims) {

    public ModelConfig {
        if (dim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0 || ffnDim <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("model dimensions must be positive");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads do not split into " + kvHeads + " kv heads");
        }
        if (ropeDims > headDim || ropeDims % 2 != 0) {
            throw new IllegalArgumentException("rope dimension " + ropeDims + " does not fit head size " + headDim);
        }
    }

    public static ModelConfig of(GgufFile gguf) throws GgufFormatException {
        Architecture arch = Architecture.of(gguf.architecture());
        String p = arch.ggufName() + ".";
        int dim = gguf.getInt(p + "embedding_length");
        int heads = gguf.getInt(p + "attention.head_count");
        int headDim = gguf.getInt(p + "attention.key_length", dim / heads);
        int vocab = gguf.tensor("token_embd.weight").rows();
        return new ModelConfig(arch, dim, gguf.getInt(p + "block_count"), heads,
                gguf.getInt(p + "attention.head_count_kv", heads), headDim, gguf.getInt(p + "feed_forward_length"),
                vocab, gguf.getInt(p + "context_length", 4096),
                gguf.getFloat(p + "attention.layer_norm_rms_epsilon", 1e-5f),
                gguf.getFloat(p + "rope.freq_base", 10_000f), gguf.getInt(p + "rope.dimension_count", headDim));
    }

    /** Width of the key (and value) vector of one position: all kv heads together. */
    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Width of the query vector: all query heads together. */
    public int qDim() {
        return heads * headDim;
    }
}
