package dev.schemagate.decoder.model;

/**
 * Keys and values of one sequence, f32, laid out per layer as {@code [position][kvHead][headDim]} so the
 * attention of one position reads one contiguous run.
 */
public final class KvCache {
    final float[][] keys;
    final float[][] values;
    private final int capacity;

    public KvCache(ModelConfig config, int capacity) {
        if (capacity <= 0) throw new IllegalArgumentException("KV cache capacity must be positive");
        this.capacity = capacity;
        this.keys = new float[config.layers()][Math.multiplyExact(capacity, config.kvDim())];
        this.values = new float[config.layers()][capacity * config.kvDim()];
    }

    /** Positions this cache can hold; positions are 0..capacity-1. */
    public int capacity() {
        return capacity;
    }
}
