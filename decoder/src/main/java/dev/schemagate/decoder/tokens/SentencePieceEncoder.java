package dev.schemagate.decoder.tokens;

import dev.schemagate.tokenizer.UnsupportedTokenizerException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.IntConsumer;

/**
 * llama.cpp's SentencePiece BPE ("llama" GGUF vocabularies): start from single characters, repeatedly merge the
 * adjacent pair whose concatenation is the vocabulary token with the highest score (leftmost on ties), then spell
 * every character left without a token as its UTF-8 byte tokens ({@code <0xXX>}). The input must already have
 * spaces replaced by U+2581.
 */
final class SentencePieceEncoder {
    private final Map<String, Integer> ids;
    private final float[] scores;
    private final int[] byteTokens;

    /**
     * @param ids        every token text to its id
     * @param byteTokens the token for each byte value, or -1 when the vocabulary has none
     */
    SentencePieceEncoder(Map<String, Integer> ids, float[] scores, int[] byteTokens) {
        this.ids = ids;
        this.scores = scores;
        this.byteTokens = byteTokens;
    }

    private record Bigram(int left, int right, float score, int length) {}

    private static final java.util.Comparator<Bigram> ORDER =
            java.util.Comparator.comparingDouble((Bigram b) -> -b.score).thenComparingInt(Bigram::left);

    void encode(String text, IntConsumer out) {
        int n = text.codePointCount(0, text.length());
        if (n == 0) return;
        // Symbol i covers text[start[i], start[i] + length[i]); a merged-away symbol has length 0.
        int[] start = new int[n];
        int[] length = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0, at = 0; i < n; i++) {
            start[i] = at;
            length[i] = Character.charCount(text.codePointAt(at));
            at += length[i];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>(ORDER);
        for (int i = 1; i < n; i++) offer(queue, text, start, length, i - 1, i);
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int left = bigram.left;
            int right = bigram.right;
            // Stale when either side has merged with something else since the pair was queued.
            if (length[left] == 0 || length[right] == 0 || length[left] + length[right] != bigram.length) continue;
            length[left] += length[right];
            length[right] = 0;
            next[left] = next[right];
            if (next[right] >= 0) prev[next[right]] = left;
            if (prev[left] >= 0) offer(queue, text, start, length, prev[left], left);
            if (next[left] >= 0) offer(queue, text, start, length, left, next[left]);
        }
        for (int i = 0; i >= 0; i = next[i]) {
            String piece = text.substring(start[i], start[i] + length[i]);
            Integer id = ids.get(piece);
            if (id != null) {
                out.accept(id);
                continue;
            }
            for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                int token = byteTokens[b & 0xFF];
                if (token < 0) {
                    throw new UnsupportedTokenizerException(String.format(
                            "cannot encode \"%s\": the vocabulary has no token for byte 0x%02X", piece, b & 0xFF));
                }
                out.accept(token);
            }
        }
    }

    private void offer(PriorityQueue<Bigram> queue, String text, int[] start, int[] length, int left, int right) {
        Integer id = ids.get(text.substring(start[left], start[right] + length[right]));
        if (id != null) queue.add(new Bigram(left, right, scores[id], length[left] + length[right]));
    }
}
