package dev.schemagate.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Llama-3 and Qwen3 tokenizers on cases where a naive port goes wrong. Expected ids were produced
 * with Hugging Face tokenizers 0.23.3 (Python, Rust core), encode(text, add_special_tokens=False).
 */
class BpeTokenizerTest {
    private static BpeTokenizer llama;
    private static BpeTokenizer qwen;

    @BeforeAll
    static void load() throws IOException {
        llama = ReferenceFiles.tokenizer("llama3");
        qwen = ReferenceFiles.tokenizer("qwen3");
    }

    @Test
    void specialTokenTextBecomesItsId() {
        assertArrayEquals(new int[] {128009}, llama.encode("<|eot_id|>"));
        assertArrayEquals(new int[] {6151, 128009, 198}, llama.encode("hi<|eot_id|>\n"));
        assertArrayEquals(new int[] {27, 91, 68, 354, 851}, llama.encode("<|eot_id"));
        assertEquals("hi<|eot_id|>\n", llama.decode(new int[] {6151, 128009, 198}));
    }

    @Test
    void ordinaryText() {
        assertArrayEquals(new int[] {9906, 1917}, llama.encode("Hello world"));
        assertArrayEquals(new int[] {12366}, llama.encode(" Paris"));
        assertArrayEquals(new int[] {794}, llama.encode("\":"));
    }

    @Test
    void llamaSplitsDigitRunsInThrees() {
        assertArrayEquals(new int[] {4513, 10961, 2495}, llama.encode("12345678"));
        assertArrayEquals(new int[] {16, 17, 18, 19, 20}, qwen.encode("12345"));
    }

    @Test
    void whitespaceBeforeAWordLeavesOneSpaceToTheWord() {
        assertArrayEquals(new int[] {256, 264}, llama.encode("   a"));
    }

    @Test
    void contractionsAreCaseInsensitiveWithUnicodeFolding() {
        assertArrayEquals(new int[] {40, 6, 4178, 733}, llama.encode("I'LL go"));
        // U+017F LATIN SMALL LETTER LONG S folds to 's', so "'ſ" is a contraction and "a" a separate word.
        assertArrayEquals(new int[] {6, 129, 123, 64}, llama.encode("'ſa"));
    }

    @Test
    void whitespaceIsUnicodeWhiteSpace() {
        assertArrayEquals(new int[] {64, 116360, 65}, llama.encode("a\u0085b"));
        assertArrayEquals(new int[] {87, 2188, 227, 379}, llama.encode("x \u0085 y"));
        assertArrayEquals(new int[] {64, 3305, 293}, llama.encode("a\uFEFF b"));
        assertArrayEquals(new int[] {220, 4194, 87}, llama.encode(" \u00A0x"));
    }

    @Test
    void vocabularyHoldsRawBytes() {
        TokenVocabulary vocabulary = llama.vocabulary();
        assertEquals(128_256, vocabulary.size());
        assertArrayEquals(" Paris".getBytes(StandardCharsets.UTF_8), vocabulary.bytes(12366));
        assertArrayEquals("\":".getBytes(StandardCharsets.UTF_8), vocabulary.bytes(794));
        assertArrayEquals(new byte[] {(byte) 0xC5}, vocabulary.bytes(129));
        assertArrayEquals("<|eot_id|>".getBytes(StandardCharsets.UTF_8), vocabulary.bytes(128009));
        assertTrue(vocabulary.isSpecial(128009));
        assertTrue(vocabulary.isSpecial(128255));
        assertFalse(vocabulary.isSpecial(12366));
        // This is Llama-3's file: 128008 is still <|reserved_special_token_4|> (3.1 renamed it <|eom_id|>).
        assertArrayEquals(new int[] {128001, 128009}, vocabulary.endOfSequence());
    }

    @Test
    void tokenIdTakesTheSpellingOfTokenizerJson() {
        assertEquals(OptionalInt.of(12366), llama.tokenId("ĠParis"));
        assertEquals(OptionalInt.of(128009), llama.tokenId("<|eot_id|>"));
        assertEquals(OptionalInt.empty(), llama.tokenId(" Paris"));
    }

    @Test
    void qwenNormalizesToNfcAndKeepsNonSpecialAddedTokens() {
        assertArrayEquals(new int[] {924, 58858}, qwen.encode("cafe\u0301"));
        assertArrayEquals(new int[] {151657, 87, 151658}, qwen.encode("<tool_call>x</tool_call>"));
        assertArrayEquals(new int[] {64, 126, 227, 65}, qwen.encode("a\u0085b"));
        TokenVocabulary vocabulary = qwen.vocabulary();
        assertEquals(151_669, vocabulary.size());
        assertFalse(vocabulary.isSpecial(151657));
        assertTrue(vocabulary.isSpecial(151645));
        assertArrayEquals(new int[] {151643, 151645}, vocabulary.endOfSequence());
    }
}
