package dev.schemagate.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made GPT-2-style tokenizer.json (token id = byte value for the 256 byte tokens) whose expected
 * encodings follow from the BPE rules by hand: merge forms, flags of added tokens, gaps in the id space.
 */
class SyntheticTokenizerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** Merges by rank: h+e, l+l, he+ll, hell+o, Ġ+w; "ab" is in the vocabulary without a rule. */
    private static ObjectNode tokenizerJson(boolean arrayMerges) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        ObjectNode vocab = model.putObject("vocab");
        for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
        String[][] rules = {{"h", "e"}, {"l", "l"}, {"he", "ll"}, {"hell", "o"}, {"Ġ", "w"}};
        ArrayNode merges = model.putArray("merges");
        int id = 256;
        for (String[] rule : rules) {
            vocab.put(rule[0] + rule[1], id++);
            if (arrayMerges) merges.addArray().add(rule[0]).add(rule[1]);
            else merges.add(rule[0] + " " + rule[1]);
        }
        vocab.put("ab", 261);
        ArrayNode added = root.putArray("added_tokens");
        added.addObject().put("id", 300).put("content", "<mask>").put("special", true).put("lstrip", true)
                .put("rstrip", false).put("single_word", false).put("normalized", false);
        added.addObject().put("id", 301).put("content", "[X]").put("special", true).put("lstrip", false)
                .put("rstrip", true).put("single_word", false).put("normalized", false);
        added.addObject().put("id", 302).put("content", "tok").put("special", false).put("lstrip", false)
                .put("rstrip", false).put("single_word", true).put("normalized", true);
        added.addObject().put("id", 303).put("content", "</s>").put("special", true).put("normalized", false);
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false).put("use_regex", true);
        root.putObject("decoder").put("type", "ByteLevel");
        return root;
    }

    private BpeTokenizer load(ObjectNode json) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, MAPPER.writeValueAsString(json));
        return BpeTokenizer.load(file);
    }

    private BpeTokenizer load(Consumer<ObjectNode> change) throws IOException {
        ObjectNode json = tokenizerJson(true);
        change.accept(json);
        return load(json);
    }

    @Test
    void appliesMergesByRankInBothRuleForms() throws IOException {
        for (boolean arrayMerges : new boolean[] {true, false}) {
            BpeTokenizer tokenizer = load(tokenizerJson(arrayMerges));
            assertArrayEquals(new int[] {259}, tokenizer.encode("hello"));
            assertArrayEquals(new int[] {259, 260, 'o', 'r', 'l', 'd'}, tokenizer.encode("hello world"));
            assertArrayEquals(new int[] {'h', 256, 'h'}, tokenizer.encode("hheh"));
            assertArrayEquals(new int[] {'a', 'b'}, tokenizer.encode("ab"));
        }
    }

    @Test
    void ignoreMergesTakesAWholePreTokenFromTheVocabulary() throws IOException {
        BpeTokenizer tokenizer = load(json -> ((ObjectNode) json.get("model")).put("ignore_merges", true));
        assertArrayEquals(new int[] {261}, tokenizer.encode("ab"));
        assertArrayEquals(new int[] {'a', 'b', 'c'}, tokenizer.encode("abc"));
    }

    @Test
    void addedTokenFlags() throws IOException {
        BpeTokenizer tokenizer = load(tokenizerJson(true));
        assertArrayEquals(new int[] {'a', 300, 'b'}, tokenizer.encode("a  <mask>b"));
        assertArrayEquals(new int[] {301, 'c'}, tokenizer.encode("[X] \t c"));
        assertArrayEquals(new int[] {302}, tokenizer.encode("tok"));
        assertArrayEquals(new int[] {' ', 302, '.'}, tokenizer.encode(" tok."));
        assertArrayEquals(new int[] {'a', 't', 'o', 'k'}, tokenizer.encode("atok"));
        assertArrayEquals(new int[] {303, 303}, tokenizer.encode("</s></s>"));
    }

    @Test
    void prefixSpaceAndNfcNormalizer() throws IOException {
        BpeTokenizer tokenizer = load(json -> {
            ((ObjectNode) json.get("pre_tokenizer")).put("add_prefix_space", true);
            json.putObject("normalizer").put("type", "Sequence").putArray("normalizers").addObject().put("type", "NFC");
        });
        assertArrayEquals(new int[] {' ', 259}, tokenizer.encode("hello"));
        assertArrayEquals(new int[] {' ', 0xC3, 0xA9}, tokenizer.encode("e\u0301"));
    }

    @Test
    void vocabularyCoversGapsAndAddedTokens() throws IOException {
        BpeTokenizer tokenizer = load(tokenizerJson(true));
        TokenVocabulary vocabulary = tokenizer.vocabulary();
        assertEquals(304, vocabulary.size());
        assertArrayEquals(" w".getBytes(StandardCharsets.UTF_8), vocabulary.bytes(260));
        assertArrayEquals(new byte[] {(byte) 0xFF}, vocabulary.bytes(0xFF));
        assertTrue(vocabulary.isSpecial(280));
        assertEquals(0, vocabulary.bytes(280).length);
        assertFalse(vocabulary.isSpecial(302));
        assertTrue(vocabulary.isSpecial(300));
        assertArrayEquals(new int[] {303}, vocabulary.endOfSequence());
        assertEquals(OptionalInt.of(260), tokenizer.tokenId("Ġw"));
        assertEquals("hello w<mask>", tokenizer.decode(new int[] {259, 260, 300}));
    }

    @Test
    void refusesWhatItCannotReproduce() {
        assertThrows(UnsupportedTokenizerException.class,
                () -> load(json -> ((ObjectNode) json.get("model")).put("type", "Unigram")));
        assertThrows(UnsupportedTokenizerException.class,
                () -> load(json -> json.putObject("pre_tokenizer").put("type", "Metaspace")));
        assertThrows(UnsupportedTokenizerException.class,
                () -> load(json -> json.putObject("normalizer").put("type", "Lowercase")));
        assertThrows(UnsupportedTokenizerException.class, () -> load(json -> {
            ArrayNode steps = json.putObject("pre_tokenizer").put("type", "Sequence").putArray("pretokenizers");
            steps.addObject().put("type", "Split").put("behavior", "Removed").putObject("pattern").put("String", " ");
            steps.addObject().put("type", "ByteLevel").put("use_regex", false);
        }));
    }
}
