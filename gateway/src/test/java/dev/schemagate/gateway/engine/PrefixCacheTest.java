package dev.schemagate.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.decoder.model.Architecture;
import dev.schemagate.decoder.model.KvCache;
import dev.schemagate.decoder.model.ModelConfig;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrefixCacheTest {
    private static final ModelConfig CONFIG = new ModelConfig(Architecture.LLAMA, 8, 2, 2, 1, 4, 16, 100, 256, 1e-5f, 10000f, 4);

    private static int[] tokens(int from, int n) {
        return IntStream.range(from, from + n).toArray();
    }

    private static KvCache cacheOf(int positions) {
        return new KvCache(CONFIG, positions);
    }

    @Test
    void restoresTheLongestCommonPrefixButNeverTheLastPromptToken() {
        PrefixCache cache = new PrefixCache(CONFIG, 1 << 20);
        int[] first = tokens(0, 40);
        cache.store(first, 40, cacheOf(40));
        int[] sameStart = tokens(0, 40);
        sameStart[30] = 99;
        assertEquals(30, cache.restore(sameStart, cacheOf(64)));
        assertEquals(39, cache.restore(tokens(0, 40), cacheOf(64)), "the last token must still be computed");
        assertEquals(0, cache.restore(tokens(1, 40), cacheOf(64)));
    }

    @Test
    void prefixesShorterThanTheMinimumAreNotWorthKeeping() {
        PrefixCache cache = new PrefixCache(CONFIG, 1 << 20);
        cache.store(tokens(0, PrefixCache.MIN_TOKENS - 1), PrefixCache.MIN_TOKENS - 1, cacheOf(PrefixCache.MIN_TOKENS));
        assertEquals(0, cache.size());
        cache.store(tokens(0, 40), 20, cacheOf(40));
        assertEquals(1, cache.size());
        assertEquals(0, cache.restore(tokens(0, 10), cacheOf(64)), "a 9-token match is below the minimum");
    }

    @Test
    void aLongerEntrySupersedesItsPrefixAndTheBudgetEvictsTheLeastRecent() {
        long perPosition = cacheOf(1).bytes();
        PrefixCache cache = new PrefixCache(CONFIG, perPosition * 100);
        cache.store(tokens(0, 20), 20, cacheOf(20));
        cache.store(tokens(0, 50), 50, cacheOf(50));
        assertEquals(1, cache.size(), "the 20-token entry is a prefix of the 50-token one");
        cache.store(tokens(500, 40), 40, cacheOf(40));
        assertEquals(2, cache.size());
        assertEquals(90 * perPosition, cache.bytes());
        cache.restore(tokens(500, 41), cacheOf(64));
        cache.store(tokens(1000, 30), 30, cacheOf(30));
        assertEquals(70 * perPosition, cache.bytes(), "the least recently used 50-token entry went");
        assertEquals(0, cache.restore(tokens(0, 50), cacheOf(64)));
        assertEquals(40, cache.restore(tokens(500, 41), cacheOf(64)));
    }
}
