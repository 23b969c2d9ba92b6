package dev.schemagate.gateway.engine;

/**
 * @param maxBatch         sequences decoded together in one forward pass
 * @param maxQueue         sequences that may wait for a slot; more are refused (429)
 * @param prefillChunk     prompt rows per forward pass while no sequence is decoding
 * @param interleavedChunk prompt rows per forward pass while others decode (keeps their steps short)
 * @param contextLength    most positions a sequence may reach (prompt plus output)
 * @param prefixCacheBytes bound on the keys and values the prefix cache keeps
 * @param overlapMasks     compute the next masks on a thread of their own while the forward pass runs
 * @param steerToEnd       when a constrained output's budget only just covers its shortest ending, steer to it
 */
public record SchedulerConfig(int maxBatch, int maxQueue, int prefillChunk, int interleavedChunk, int contextLength,
                              long prefixCacheBytes, boolean overlapMasks, boolean steerToEnd) {
    public SchedulerConfig {
        if (maxBatch < 1) throw new IllegalArgumentException("max batch must be >= 1");
        if (maxQueue < 0) throw new IllegalArgumentException("max queue must be >= 0");
        if (prefillChunk < 1 || interleavedChunk < 1) throw new IllegalArgumentException("prefill chunks must be >= 1 row");
        if (contextLength < 2) throw new IllegalArgumentException("context length must be >= 2");
    }
}
