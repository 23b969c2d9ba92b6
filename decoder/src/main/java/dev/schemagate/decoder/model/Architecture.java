package dev.schemagate.decoder.model;

import dev.schemagate.decoder.gguf.GgufFormatException;

/** The model families the forward pass implements; they differ only in a few switches. */
public enum Architecture {
    LLAMA("llama", false, false, false),
    QWEN2("qwen2", true, false, true),
    QWEN3("qwen3", false, true, true);

    private final String ggufName;
    private final boolean attentionBias;
    private final boolean qkNorm;
    private final boolean neoxRope;

    Architecture(String ggufName, boolean attentionBias, boolean qkNorm, boolean neoxRope) {
        this.ggufName = ggufName;
        this.attentionBias = attentionBias;
        this.qkNorm = qkNorm;
        this.neoxRope = neoxRope;
    }

    /** The {@code general.architecture} value, also the prefix of the architecture's metadata keys. */
    public String ggufName() {
        return ggufName;
    }

    /** q, k and v projections carry biases (Qwen2). */
    public boolean attentionBias() {
        return attentionBias;
    }

    /** q and k are RMS-normalized per head before RoPE (Qwen3). */
    public boolean qkNorm() {
        return qkNorm;
    }

    /** RoPE rotates pairs (i, i + d/2) instead of adjacent pairs; GGUF keeps Llama's q/k rows permuted for adjacent pairs. */
    public boolean neoxRope() {
        return neoxRope;
    }

    public static Architecture of(String ggufName) throws GgufFormatException {
        for (Architecture a : values()) {
            if (a.ggufName.equals(ggufName)) return a;
        }
        throw new GgufFormatException("unsupported model architecture '" + ggufName + "' (supported: llama, qwen2, qwen3)");
    }
}
