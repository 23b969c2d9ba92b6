package dev.schemagate.fsm.trie;

import dev.schemagate.tokenizer.TokenVocabulary;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The vocabulary's ordinary tokens as a byte trie laid out in depth-first order (no root node): node i's
 * subtree is the index range [i, end(i)), so a walk that rejects node i's byte skips its whole subtree with
 * one assignment. Special tokens are kept out: they are never spelled by their text.
 */
public final class TokenTrie {
    private final byte[] nodeByte;
    private final int[] nodeDepth;
    private final int[] nodeEnd;
    private final int[] nodeToken; // token id ending at the node, or -1
    private final Map<Integer, int[]> duplicateTokens; // node -> further ids with the same bytes (rare)
    private final boolean[] hasDuplicates; // by node: walks ask at every token, so the map is consulted only when set
    private final int maxDepth;
    private final int[] roots; // the first-byte nodes, ascending (so also by byte)
    private final int[] rootByByte = new int[256]; // first byte -> its node, or -1

    private TokenTrie(byte[] nodeByte, int[] nodeDepth, int[] nodeEnd, int[] nodeToken, Map<Integer, int[]> duplicates, int maxDepth) {
        this.nodeByte = nodeByte;
        this.nodeDepth = nodeDepth;
        this.nodeEnd = nodeEnd;
        this.nodeToken = nodeToken;
        this.duplicateTokens = duplicates;
        this.hasDuplicates = new boolean[nodeByte.length];
        for (int node : duplicates.keySet()) hasDuplicates[node] = true;
        this.maxDepth = maxDepth;
        int n = 0;
        for (int i = 0; i < nodeByte.length; i = nodeEnd[i]) n++;
        this.roots = new int[n];
        Arrays.fill(rootByByte, -1);
        n = 0;
        for (int i = 0; i < nodeByte.length; i = nodeEnd[i]) {
            roots[n++] = i;
            rootByByte[nodeByte[i] & 0xFF] = i;
        }
    }

    public static TokenTrie build(TokenVocabulary vocabulary) {
        boolean[] all = new boolean[vocabulary.size()];
        for (int id = 0; id < all.length; id++) all[id] = !vocabulary.isSpecial(id) && vocabulary.bytes(id).length > 0;
        return build(vocabulary, all);
    }

    /** The trie of the tokens whose flag is set (they must be ordinary and non-empty). */
    public static TokenTrie build(TokenVocabulary vocabulary, boolean[] include) {
        int n = vocabulary.size();
        Integer[] ids = new Integer[n];
        int count = 0;
        for (int id = 0; id < n; id++) {
            if (include[id]) ids[count++] = id;
        }
        Integer[] sorted = Arrays.copyOf(ids, count);
        Arrays.sort(sorted, (a, b) -> Arrays.compareUnsigned(vocabulary.bytes(a), vocabulary.bytes(b)));

        int capacity = 1024;
        byte[] bytes = new byte[capacity];
        int[] depth = new int[capacity];
        int[] end = new int[capacity];
        int[] token = new int[capacity];
        Map<Integer, int[]> duplicates = new HashMap<>();
        int[] open = new int[256]; // node index on the current path, by depth - 1
        int nodes = 0, pathLength = 0, maxDepth = 0;
        byte[] previous = new byte[0];
        for (int id : sorted) {
            byte[] t = vocabulary.bytes(id);
            int common = Arrays.mismatch(previous, t);
            if (common < 0) { // identical bytes to the previous token
                int node = open[pathLength - 1];
                int[] more = duplicates.getOrDefault(node, new int[0]);
                int[] grown = Arrays.copyOf(more, more.length + 1);
                grown[more.length] = id;
                duplicates.put(node, grown);
                continue;
            }
            for (int d = pathLength; d > common; d--) end[open[d - 1]] = nodes;
            pathLength = common;
            if (t.length > open.length) open = Arrays.copyOf(open, t.length * 2);
            for (int d = common; d < t.length; d++) {
                if (nodes == capacity) {
                    capacity *= 2;
                    bytes = Arrays.copyOf(bytes, capacity);
                    depth = Arrays.copyOf(depth, capacity);
                    end = Arrays.copyOf(end, capacity);
                    token = Arrays.copyOf(token, capacity);
                }
                bytes[nodes] = t[d];
                depth[nodes] = d + 1;
                token[nodes] = -1;
                open[d] = nodes++;
                pathLength = d + 1;
            }
            token[open[t.length - 1]] = id;
            maxDepth = Math.max(maxDepth, t.length);
            previous = t;
        }
        for (int d = pathLength; d > 0; d--) end[open[d - 1]] = nodes;
        return new TokenTrie(Arrays.copyOf(bytes, nodes), Arrays.copyOf(depth, nodes), Arrays.copyOf(end, nodes),
                Arrays.copyOf(token, nodes), duplicates, maxDepth);
    }

    public int nodeCount() {
        return nodeByte.length;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int byteAt(int node) {
        return nodeByte[node] & 0xFF;
    }

    /** Depth of the node: 1 for a first byte. */
    public int depth(int node) {
        return nodeDepth[node];
    }

    /** One past the last node of this node's subtree. */
    public int end(int node) {
        return nodeEnd[node];
    }

    /** The token ending at this node, or -1. */
    public int token(int node) {
        return nodeToken[node];
    }

    /** The node of first byte b (its subtree holds every token starting with b), or -1 when no token does. */
    public int root(int b) {
        return rootByByte[b];
    }

    /** The first byte of every token below this node. */
    public int firstByte(int node) {
        int k = Arrays.binarySearch(roots, node);
        return byteAt(roots[k >= 0 ? k : -k - 2]);
    }

    /** The child of {@code node} (-1: the root) with byte b, or -1. */
    public int child(int node, int b) {
        if (node < 0) return rootByByte[b];
        for (int c = node + 1; c < nodeEnd[node]; c = nodeEnd[c]) {
            int cb = byteAt(c);
            if (cb == b) return c;
            if (cb > b) return -1;
        }
        return -1;
    }

    /** Further tokens with exactly this node's bytes, or null (vocabularies rarely have any). */
    public int[] duplicates(int node) {
        return hasDuplicates[node] ? duplicateTokens.get(node) : null;
    }
}
