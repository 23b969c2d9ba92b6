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

    /** Bytes this cache holds on the heap. */
    public long bytes() {
        return 2L * keys.length * keys[0].length * Float.BYTES;
    }

    /**
     * Copies the keys and values of positions 0..positions-1 from {@code source}: a sequence that shares that
     * token prefix then starts its prompt at {@code positions} (prefix caching, forking a sequence).
     */
    public void copyPrefix(KvCache source, int positions) {
        if (positions > capacity || positions > source.capacity) {
            throw new IllegalArgumentException("cannot copy " + positions + " positions between caches of " + source.capacity + " and " + capacity);
        }
        if (source.keys.length != keys.length || source.keys[0].length / source.capacity != keys[0].length / capacity) {
            throw new IllegalArgumentException("caches of different models");
        }
        int floats = positions * (keys[0].length / capacity);
        for (int l = 0; l < keys.length; l++) {
            System.arraycopy(source.keys[l], 0, keys[l], 0, floats);
            System.arraycopy(source.values[l], 0, values[l], 0, floats);
        }
    }
}
