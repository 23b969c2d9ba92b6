package dev.schemagate.fsm.trie;

import dev.schemagate.tokenizer.TokenVocabulary;
import java.util.Arrays;

/**
 * The vocabulary split by JSON-string safety. A <em>safe</em> character is any code point of at least U+0020
 * other than {@code "} and {@code \} (surrogates cannot be encoded); a safe token is a whole number of safe
 * characters. When a lexer state treats every safe character alike, a safe token's fate depends only on its
 * character count, so masks for such states come from {@link #upTo} plus a walk of the small {@link #unsafeTrie}.
 */
public final class SafeTokens {
    private final long[][] upTo; // upTo[c]: safe tokens of at most c characters
    private final TokenTrie unsafeTrie;
    private final int maxChars;
    private final int[] wholeTrieNode; // unsafe-trie node -> the node with the same bytes in the whole trie

    private SafeTokens(long[][] upTo, TokenTrie unsafeTrie, int maxChars, int[] wholeTrieNode) {
        this.upTo = upTo;
        this.unsafeTrie = unsafeTrie;
        this.maxChars = maxChars;
        this.wholeTrieNode = wholeTrieNode;
    }

    /** @param whole the trie of every ordinary token of the same vocabulary */
    public static SafeTokens build(TokenVocabulary vocabulary, TokenTrie whole) {
        int n = vocabulary.size();
        int[] chars = new int[n];
        int maxChars = 0;
        boolean[] keepInUnsafe = new boolean[n];
        for (int id = 0; id < n; id++) {
            chars[id] = vocabulary.isSpecial(id) ? -1 : safeChars(vocabulary.bytes(id));
            if (chars[id] > 0) maxChars = Math.max(maxChars, chars[id]);
            else keepInUnsafe[id] = !vocabulary.isSpecial(id) && vocabulary.bytes(id).length > 0;
        }
        int words = (n + 63) >>> 6;
        long[][] upTo = new long[maxChars + 1][];
        long[] running = new long[words];
        for (int c = 0; c <= maxChars; c++) {
            for (int id = 0; id < n; id++) {
                if (chars[id] == c && c > 0) running[id >>> 6] |= 1L << id;
            }
            upTo[c] = running.clone();
        }
        TokenTrie unsafe = TokenTrie.build(vocabulary, keepInUnsafe);
        return new SafeTokens(upTo, unsafe, maxChars, nodeMap(unsafe, whole));
    }

    /** For each node of {@code part}, the node of {@code whole} reached by the same bytes (part's tokens are whole's). */
    private static int[] nodeMap(TokenTrie part, TokenTrie whole) {
        int[] map = new int[part.nodeCount()];
        int[] path = new int[part.maxDepth() + 1]; // whole-trie node by depth; path[0] is the root
        path[0] = -1;
        for (int i = 0; i < map.length; i++) {
            int d = part.depth(i);
            map[i] = path[d] = whole.child(path[d - 1], part.byteAt(i));
        }
        return map;
    }

    /** Code points of the token if it is a whole number of safe characters, else -1. */
    static int safeChars(byte[] t) {
        int count = 0;
        for (int i = 0; i < t.length; ) {
            int b = t[i] & 0xFF;
            int len, cp;
            if (b < 0x80) {
                len = 1;
                cp = b;
            } else if (b >= 0xC2 && b <= 0xDF) {
                len = 2;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                len = 3;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                len = 4;
                cp = b & 0x07;
            } else {
                return -1;
            }
            if (i + len > t.length) return -1;
            for (int k = 1; k < len; k++) {
                int c = t[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) return -1;
                cp = (cp << 6) | (c & 0x3F);
            }
            boolean shortest = len == 1 || (len == 2 && cp >= 0x80) || (len == 3 && cp >= 0x800) || (len == 4 && cp >= 0x10000);
            boolean safe = cp >= 0x20 && cp != '"' && cp != '\\' && (cp < 0xD800 || cp > 0xDFFF) && cp <= 0x10FFFF;
            if (!shortest || !safe) return -1;
            count++;
            i += len;
        }
        return count;
    }

    /** Safe tokens of at most c characters (c is capped at the longest safe token). Do not modify. */
    public long[] upTo(int c) {
        return upTo[Math.min(c, maxChars)];
    }

    /** The longest safe token, in characters. */
    public int maxChars() {
        return maxChars;
    }

    /** The trie of every ordinary token that is not a whole number of safe characters. */
    public TokenTrie unsafeTrie() {
        return unsafeTrie;
    }

    /** The node of the whole trie with the same bytes as this node of {@link #unsafeTrie}. */
    public int wholeTrieNode(int unsafeNode) {
        return wholeTrieNode[unsafeNode];
    }

    @Override
    public String toString() {
        return "SafeTokens[maxChars=" + maxChars + ", unsafe=" + unsafeTrie.nodeCount() + " nodes, " + Arrays.stream(upTo).count() + " levels]";
    }
}
