package dev.schemagate.decoder.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** llama.cpp's partition: the longest special token is split out everywhere first, then the next longest. */
class SpecialTokenSplitterTest {
    private static final List<String> TEXTS = Arrays.asList("ab", "bcd", null, "<|im_end|>", "<|im_start|>");
    private final SpecialTokenSplitter splitter = new SpecialTokenSplitter(TEXTS, List.of(0, 1, 3, 4));

    private String show(String text) {
        StringBuilder out = new StringBuilder();
        for (SpecialTokenSplitter.Fragment f : splitter.split(text)) {
            out.append(f.isText() ? "'" + text.substring(f.start(), f.end()) + "'" : "#" + f.token()).append(' ');
        }
        return out.toString().trim();
    }

    @Test
    void longestTokenWinsEvenWhenAShorterOneStartsEarlier() {
        // Leftmost-longest matching would give #0 'cd'; llama.cpp takes "bcd" first.
        assertEquals("'a' #1", show("abcd"));
    }

    @Test
    void splitsEveryOccurrence() {
        assertEquals("#4 'user\nhi' #3 '\n' #4", show("<|im_start|>user\nhi<|im_end|>\n<|im_start|>"));
        assertEquals("#0 #0 'x' #0", show("ababxab"));
        assertEquals("'plain'", show("plain"));
        assertEquals("", show(""));
    }
}
