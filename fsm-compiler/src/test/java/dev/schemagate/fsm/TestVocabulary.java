package dev.schemagate.fsm;

import dev.schemagate.tokenizer.TokenVocabulary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small vocabulary for engine tests: every single byte, some multi-byte tokens that cross JSON lexeme
 * boundaries (the hard cases), partial UTF-8 tokens, and an end-of-sequence special token as the last id.
 */
final class TestVocabulary {
    static final String[] MULTI = {
        "{\"", "\":", "\": ", "\", \"", "\"}", "\"},", "\"]", "\",", "true", "false", "null", "123", "12", "0.5", "-1",
        " {", "  ", "   ", "ab", "abc", "\"a", "\"ab\"", "a\"", "ba", "[[", "]]", "],", ", ", "[1", "1]", "1,", "},",
        "é", "\\n", "\\\"", "\\u00", "e+", "E-", "\"b\": \"", "\"a\": ", "xyz", "\t\n",
    };
    final TokenVocabulary vocabulary;
    final List<byte[]> tokens;
    final int eos;

    TestVocabulary() {
        tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) tokens.add(new byte[] {(byte) b});
        for (String s : MULTI) tokens.add(s.getBytes(StandardCharsets.UTF_8));
        tokens.add(new byte[] {(byte) 0xF0, (byte) 0x9F}); // the first half of an emoji
        tokens.add(new byte[] {(byte) 0x90, (byte) 0xA2});
        tokens.add("<eos>".getBytes(StandardCharsets.UTF_8));
        eos = tokens.size() - 1;
        boolean[] special = new boolean[tokens.size()];
        special[eos] = true;
        vocabulary = new TokenVocabulary(tokens.toArray(byte[][]::new), special, new int[] {eos});
    }

    /** Greedy longest-match tokenization (not BPE, but every byte string has one). */
    int[] tokenize(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Integer> out = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int best = -1, bestLen = 0;
            for (int id = 0; id < eos; id++) {
                byte[] t = tokens.get(id);
                if (t.length > bestLen && i + t.length <= bytes.length
                        && Arrays.equals(t, 0, t.length, bytes, i, i + t.length)) {
                    best = id;
                    bestLen = t.length;
                }
            }
            out.add(best);
            i += bestLen;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    String text(List<Integer> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) out.writeBytes(tokens.get(id));
        return out.toString(StandardCharsets.UTF_8);
    }
}
