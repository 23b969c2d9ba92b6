package dev.schemagate.decoder.model;

/**
 * One transformer block. {@code qkv} stacks the q, k and v projections (rows q | k | v), so one pass over
 * the weights computes all three.
 *
 * @param qkvBias  biases of q | k | v (Qwen2), or null
 * @param qNorm    per-head RMSNorm weights of q (Qwen3), or null; likewise {@code kNorm}
 */
public record LayerWeights(float[] attentionNorm, Projection qkv, float[] qkvBias, float[] qNorm, float[] kNorm,
                           Projection attentionOutput, float[] ffnNorm, Projection gate, Projection up,
                           Projection down) {
}
