package dev.schemagate.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE over one pre-token: its UTF-8 bytes become single-byte tokens, then the adjacent pair with
 * the lowest merge rank is joined (leftmost first on ties) until no pair has a rule, as Hugging Face does.
 */
final class BpeModel {
    /** Pre-tokens longer than this are rare (long runs) and not worth a cache slot. */
    private static final int MAX_CACHED_LENGTH = 64;
    private static final int CACHE_CAPACITY = 200_000;
    /** The id of a byte the vocabulary has no token for: it joins no merge and is left out of the output. */
    private static final int MISSING = -2;

    private final Map<String, Integer> vocab;
    private final int[] byteIds = new int[256];
    private final MergeTable merges;
    private final boolean ignoreMerges;
    /** Filled until full, then only read: bounded without eviction bookkeeping, safe for concurrent encoders. */
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param dropMissingBytes whether a byte without a token is dropped, as llama.cpp does (it also keeps the
     *                         bytes on either side from merging across it); otherwise such a vocabulary is refused
     */
    BpeModel(Map<String, Integer> vocab, MergeTable merges, boolean ignoreMerges, boolean dropMissingBytes) {
        this.vocab = vocab;
        this.merges = merges;
        this.ignoreMerges = ignoreMerges;
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.valueOf(ByteLevelAlphabet.charOf(b)));
            if (id == null && !dropMissingBytes) throw new UnsupportedTokenizerException("vocabulary lacks the token for byte " + b);
            byteIds[b] = id == null ? MISSING : id;
        }
    }

    int[] encode(String preToken) {
        boolean cacheable = preToken.length() <= MAX_CACHED_LENGTH;
        if (cacheable) {
            int[] cached = cache.get(preToken);
            if (cached != null) return cached;
        }
        int[] ids = merge(preToken.getBytes(StandardCharsets.UTF_8));
        if (cacheable && cache.size() < CACHE_CAPACITY) cache.put(preToken, ids);
        return ids;
    }

    private int[] merge(byte[] bytes) {
        int n = bytes.length;
        if (ignoreMerges && n > 1) {
            Integer whole = vocab.get(ByteLevelAlphabet.encode(bytes));
            if (whole != null) return new int[] {whole};
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = byteIds[bytes[i] & 0xFF];
        if (n < 2) return n == 1 && ids[0] == MISSING ? new int[0] : ids;

        // Symbols form a linked list over the byte positions; a merge keeps the left position.
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        CandidateHeap heap = new CandidateHeap(n);
        for (int i = 0; i + 1 < n; i++) offer(heap, ids, i, i + 1);
        int alive = n;
        while (!heap.isEmpty()) {
            long candidate = heap.poll();
            int rank = (int) (candidate >>> 32);
            int left = (int) candidate;
            int right = next[left];
            if (ids[left] < 0 || right < 0) continue;
            long rule = merges.find(ids[left], ids[right]);
            if (rule == MergeTable.ABSENT || (int) (rule >>> 32) != rank) continue;
            ids[left] = (int) rule;
            ids[right] = -1;
            next[left] = next[right];
            if (next[right] >= 0) prev[next[right]] = left;
            alive--;
            if (prev[left] >= 0) offer(heap, ids, prev[left], left);
            if (next[left] >= 0) offer(heap, ids, left, next[left]);
        }
        int[] result = new int[alive];
        int k = 0;
        for (int i = 0; i >= 0; i = next[i]) {
            if (ids[i] != MISSING) result[k++] = ids[i];
        }
        return k == alive ? result : Arrays.copyOf(result, k);
    }

    private void offer(CandidateHeap heap, int[] ids, int left, int right) {
        long rule = merges.find(ids[left], ids[right]);
        if (rule != MergeTable.ABSENT) heap.add((rule >>> 32) << 32 | left);
    }

    /** Min-heap of (rank << 32 | left position): lowest rank first, then leftmost. */
    private static final class CandidateHeap {
        private long[] items;
        private int size;

        CandidateHeap(int capacity) {
            items = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(long item) {
            if (size == items.length) items = Arrays.copyOf(items, size * 2);
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (items[parent] <= item) break;
                items[i] = items[parent];
                i = parent;
            }
            items[i] = item;
        }

        long poll() {
            long top = items[0];
            long last = items[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) break;
                if (child + 1 < size && items[child + 1] < items[child]) child++;
                if (last <= items[child]) break;
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top;
        }
    }
}
