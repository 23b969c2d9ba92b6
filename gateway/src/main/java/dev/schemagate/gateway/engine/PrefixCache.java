package dev.schemagate.gateway.engine;

import dev.schemagate.decoder.model.KvCache;
import dev.schemagate.decoder.model.ModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Keys and values of token prefixes already computed (a system prompt, tool definitions, earlier turns), so a
 * prompt that starts the same way skips those rows. Bounded in bytes; the least recently used entry goes
 * first. Used by the scheduler thread only.
 */
final class PrefixCache {
    /** Shorter prefixes are cheaper to recompute than to keep. */
    static final int MIN_TOKENS = 16;

    private final ModelConfig config;
    private final long maxBytes;
    private final List<Entry> entries = new ArrayList<>();
    private long bytes;
    private long clock;

    private static final class Entry {
        final int[] tokens;
        final KvCache kv;
        long lastUse;

        Entry(int[] tokens, KvCache kv) {
            this.tokens = tokens;
            this.kv = kv;
        }
    }

    PrefixCache(ModelConfig config, long maxBytes) {
        this.config = config;
        this.maxBytes = maxBytes;
    }

    /**
     * Copies the longest cached prefix of {@code prompt} into {@code into}, leaving at least the last prompt
     * token to compute (its logits are needed).
     *
     * @return the number of positions copied
     */
    int restore(int[] prompt, KvCache into) {
        Entry best = null;
        int bestLength = 0;
        for (Entry e : entries) {
            int n = commonPrefix(e.tokens, e.tokens.length, prompt, prompt.length - 1);
            if (n > bestLength) {
                best = e;
                bestLength = n;
            }
        }
        if (best == null || bestLength < MIN_TOKENS) return 0;
        best.lastUse = ++clock;
        into.copyPrefix(best.kv, bestLength);
        return bestLength;
    }

    /** Keeps positions 0..length-1 of {@code source}, whose tokens are {@code tokens[0..length-1]}. */
    void store(int[] tokens, int length, KvCache source) {
        if (length < MIN_TOKENS || maxBytes <= 0) return;
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.tokens.length >= length && commonPrefix(e.tokens, e.tokens.length, tokens, length) == length) {
                e.lastUse = ++clock;
                return;
            }
            if (e.tokens.length < length && commonPrefix(e.tokens, e.tokens.length, tokens, length) == e.tokens.length) {
                bytes -= e.kv.bytes();
                it.remove();
            }
        }
        KvCache kv = new KvCache(config, length);
        if (kv.bytes() > maxBytes) return;
        kv.copyPrefix(source, length);
        Entry entry = new Entry(Arrays.copyOf(tokens, length), kv);
        entry.lastUse = ++clock;
        entries.add(entry);
        bytes += kv.bytes();
        while (bytes > maxBytes) evictLeastRecent();
    }

    long bytes() {
        return bytes;
    }

    int size() {
        return entries.size();
    }

    private void evictLeastRecent() {
        Entry oldest = entries.getFirst();
        for (Entry e : entries) if (e.lastUse < oldest.lastUse) oldest = e;
        entries.remove(oldest);
        bytes -= oldest.kv.bytes();
    }

    private static int commonPrefix(int[] a, int aLength, int[] b, int bLength) {
        int n = Math.min(aLength, bLength);
        int mismatch = Arrays.mismatch(a, 0, n, b, 0, n);
        return mismatch < 0 ? n : mismatch;
    }
}
