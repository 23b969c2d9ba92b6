package dev.schemagate.decoder.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.decoder.gguf.GgufFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tokenizer of the cached SmolLM2-135M-Instruct GGUF against llama.cpp's own tokenization of it. */
class SmolLmTokenizerTest {
    private static final Path CACHE = Path.of(System.getProperty("schemagate.cache",
            System.getProperty("user.home") + "/.cache/schemagate"));

    private static GgufFile gguf;
    private static GgufTokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        Path model = CACHE.resolve("models").resolve("SmolLM2-135M-Instruct.Q4_1.gguf");
        assumeTrue(Files.isRegularFile(model), model + " is absent: run scripts/fetch-model.sh");
        gguf = GgufFile.open(model);
        tokenizer = GgufTokenizer.load(gguf);
    }

    @AfterAll
    static void close() {
        if (gguf != null) gguf.close();
    }

    /** llama.cpp's tokens for this prompt (shared/peers.md). */
    @Test
    void encodesThePeerPromptLikeLlamaCpp() {
        assertArrayEquals(new int[] {504, 3575, 282, 4649, 314}, tokenizer.encode("The capital of France is"));
    }

    @Test
    void describesSpecialTokensFromTheMetadata() {
        assertEquals("gpt2", tokenizer.model());
        assertEquals(49152, tokenizer.vocabulary().size());
        assertEquals(OptionalInt.of(1), tokenizer.bos());
        assertFalse(tokenizer.addBos());
        // eos_token_id 2 (<|im_end|>) and the control token <|endoftext|> (0), as llama.cpp's end-of-generation set.
        assertArrayEquals(new int[] {0, 2}, tokenizer.eos());
        assertTrue(tokenizer.vocabulary().isSpecial(2));
        assertArrayEquals("<|im_end|>".getBytes(StandardCharsets.UTF_8), tokenizer.decodeBytes(2));
        assertFalse(tokenizer.vocabulary().isSpecial(504));
        assertArrayEquals("The".getBytes(StandardCharsets.UTF_8), tokenizer.decodeBytes(504));
        assertArrayEquals(" capital".getBytes(StandardCharsets.UTF_8), tokenizer.decodeBytes(3575));
    }

    @Test
    void readsControlTokensWrittenInTheText() {
        int[] ids = tokenizer.encode("<|im_start|>user\nHi<|im_end|>\n");
        assertEquals(1, ids[0]);
        assertEquals(2, ids[ids.length - 2]);
        assertEquals("<|im_start|>user\nHi<|im_end|>\n", tokenizer.decode(ids));
    }

    @Test
    void decodesWhatItEncodes() {
        for (String text : List.of("{\"name\": \"Zoë\", \"age\": 12345}", "  leading and trailing  ", "日本語のテキスト 🙂",
                "tabs\tand\r\nnewlines\n\n", "")) {
            assertEquals(text, tokenizer.decode(tokenizer.encode(text)), text);
        }
    }

    /** Written by llama.cpp's tokenizer (parse_special on, no BOS); absent until that reference has been produced. */
    @Test
    void encodesLikeTheLlamaCppReference() throws IOException {
        Path file = CACHE.resolve("reference").resolve("llamacpp-tokenize-smollm2.json");
        assumeTrue(Files.isRegularFile(file), file + " is absent");
        JsonNode cases = new ObjectMapper().readTree(file.toFile()).path("cases");
        assertTrue(cases.size() > 0, file + " holds no cases");
        List<String> mismatches = new ArrayList<>();
        int failures = 0;
        for (JsonNode c : cases) {
            int[] expected = new int[c.path("ids").size()];
            for (int i = 0; i < expected.length; i++) expected[i] = c.path("ids").get(i).asInt();
            int[] actual = tokenizer.encode(c.path("text").asText());
            if (Arrays.equals(expected, actual)) continue;
            failures++;
            if (mismatches.size() < 10) {
                mismatches.add(c.path("text").asText() + "\n  expected " + Arrays.toString(expected) + "\n  actual   " + Arrays.toString(actual));
            }
        }
        System.out.printf("SmolLM2 via GGUF: %d llama.cpp reference strings checked, %d mismatches%n", cases.size(), failures);
        assertTrue(mismatches.isEmpty(), failures + " of " + cases.size() + " differ:\n" + String.join("\n", mismatches));
    }
}
