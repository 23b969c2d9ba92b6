package dev.schemagate.decoder.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.decoder.gguf.GgufFile;
import dev.schemagate.decoder.gguf.GgufWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gpt2 path against Hugging Face: a GGUF built from a fetched tokenizer.json's vocabulary, merges and added
 * tokens (as llama.cpp's converter stores them) must encode the reference corpus (recorded with Hugging Face's
 * tokenizer) to the same ids.
 */
class GgufBpeReferenceTest {
    private static final Path CACHE = Path.of(System.getProperty("schemagate.cache",
            System.getProperty("user.home") + "/.cache/schemagate"));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void llama3ThroughLlamaBpeEncodesLikeHuggingFace() throws IOException {
        try (GgufFile gguf = GgufFile.open(ggufFromTokenizerJson("llama3", "llama-bpe"))) {
            GgufTokenizer tokenizer = GgufTokenizer.load(gguf);
            assertEquals(OptionalInt.of(128000), tokenizer.bos());
            assertTrue(tokenizer.addBos(), "llama-bpe adds a BOS unless the file says otherwise");
            assertArrayEquals(new int[] {128001, 128009}, tokenizer.eos());
            assertMatchesReference(tokenizer, "llama3", false);
        }
    }

    /** Qwen3 normalizes to NFC, which llama.cpp does not, so only strings NFC leaves unchanged are compared. */
    @Test
    void qwen3ThroughQwen2EncodesLikeHuggingFace() throws IOException {
        try (GgufFile gguf = GgufFile.open(ggufFromTokenizerJson("qwen3", "qwen2"))) {
            GgufTokenizer tokenizer = GgufTokenizer.load(gguf);
            int toolCall = 151657;
            assertEquals("<tool_call>", tokenizer.decode(new int[] {toolCall}));
            assertTrue(!tokenizer.vocabulary().isSpecial(toolCall), "user-defined tokens are spelled by their text");
            assertArrayEquals(new int[] {151643, 151645}, tokenizer.eos());
            assertMatchesReference(tokenizer, "qwen3", true);
        }
    }

    private void assertMatchesReference(GgufTokenizer tokenizer, String name, boolean nfcOnly) throws IOException {
        Path file = CACHE.resolve("reference").resolve(name + "-encodings.json");
        assumeTrue(Files.isRegularFile(file), file + " is absent: run scripts/tokenizer-reference.sh " + name);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int failures = 0;
        for (JsonNode c : MAPPER.readTree(file.toFile()).path("cases")) {
            String text = c.path("text").asText();
            if (nfcOnly && !Normalizer.isNormalized(text, Normalizer.Form.NFC)) continue;
            compared++;
            int[] expected = new int[c.path("ids").size()];
            for (int i = 0; i < expected.length; i++) expected[i] = c.path("ids").get(i).asInt();
            int[] actual = tokenizer.encode(text);
            if (Arrays.equals(expected, actual)) continue;
            failures++;
            if (mismatches.size() < 10) {
                mismatches.add(c.path("kind").asText() + " " + MAPPER.writeValueAsString(text.length() > 200 ? text.substring(0, 200) : text)
                        + "\n  expected " + Arrays.toString(expected) + "\n  actual   " + Arrays.toString(actual));
            }
        }
        System.out.printf("%s via GGUF: %d reference strings compared, %d mismatches%n", name, compared, failures);
        assertTrue(compared > 2000, "only " + compared + " strings compared");
        assertTrue(mismatches.isEmpty(), failures + " of " + compared + " differ:\n" + String.join("\n", mismatches));
    }

    /** Tokens by id (vocab, then added tokens: special ones control, the others user-defined) and merges as "a b". */
    private Path ggufFromTokenizerJson(String name, String pre) throws IOException {
        Path json = CACHE.resolve("tokenizers").resolve(name).resolve("tokenizer.json");
        assumeTrue(Files.isRegularFile(json), json + " is absent: run scripts/fetch-tokenizer.sh " + name);
        JsonNode root = MAPPER.readTree(json.toFile());
        int size = 0;
        for (JsonNode id : root.path("model").path("vocab")) size = Math.max(size, id.asInt() + 1);
        for (JsonNode added : root.path("added_tokens")) size = Math.max(size, added.path("id").asInt() + 1);
        String[] tokens = new String[size];
        int[] types = new int[size];
        for (Map.Entry<String, JsonNode> entry : root.path("model").path("vocab").properties()) {
            tokens[entry.getValue().asInt()] = entry.getKey();
            types[entry.getValue().asInt()] = 1;
        }
        for (JsonNode added : root.path("added_tokens")) {
            tokens[added.path("id").asInt()] = added.path("content").asText();
            types[added.path("id").asInt()] = added.path("special").asBoolean() ? 3 : 4;
        }
        for (int id = 0; id < size; id++) {
            if (tokens[id] == null) {
                tokens[id] = "[PAD" + id + "]";
                types[id] = 5;
            }
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode rule : root.path("model").path("merges")) {
            merges.add(rule.isArray() ? rule.get(0).asText() + " " + rule.get(1).asText() : rule.asText());
        }
        GgufWriter writer = new GgufWriter()
                .putString("general.architecture", "llama")
                .putString("tokenizer.ggml.model", "gpt2")
                .putString("tokenizer.ggml.pre", pre)
                .putStrings("tokenizer.ggml.tokens", Arrays.asList(tokens))
                .putInts("tokenizer.ggml.token_type", types)
                .putStrings("tokenizer.ggml.merges", merges);
        if (name.equals("llama3")) {
            writer.putUInt32("tokenizer.ggml.bos_token_id", 128000).putUInt32("tokenizer.ggml.eos_token_id", 128009);
        } else {
            writer.putUInt32("tokenizer.ggml.eos_token_id", 151645).putBool("tokenizer.ggml.add_bos_token", false);
        }
        return writer.write(dir.resolve(name + ".gguf"));
    }
}
