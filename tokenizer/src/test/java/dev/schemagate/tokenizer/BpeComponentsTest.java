package dev.schemagate.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BpeTokenizer#fromComponents}: a GPT-2-style vocabulary (id = byte value) without a token for 'x', merges
 * a+b, ab+c, c+d, and expected ids worked out by hand from the rules.
 */
class BpeComponentsTest {
    private static final int AB = 300, ABC = 301, CD = 302, ABCD = 303;

    @TempDir
    Path dir;

    private static Map<String, Integer> vocab() {
        Map<String, Integer> vocab = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            if (b != 'x') vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
        }
        vocab.put("ab", AB);
        vocab.put("abc", ABC);
        vocab.put("cd", CD);
        vocab.put("abcd", ABCD);
        return vocab;
    }

    private static final List<String[]> MERGES = List.of(new String[] {"a", "b"}, new String[] {"ab", "c"}, new String[] {"c", "d"});

    @Test
    void mergesByRankWithinEachSplitPiece() {
        BpeTokenizer tokenizer = BpeTokenizer.fromComponents(vocab(), MERGES, List.of("\\p{N}"), false);
        // a+b (rank 0), then ab+c (rank 1) before c+d (rank 2); abc+d has no rule.
        assertArrayEquals(new int[] {ABC, 'd'}, tokenizer.encode("abcd"));
        // The digit is its own piece, so "ab" and "cd" merge separately.
        assertArrayEquals(new int[] {AB, '1', CD}, tokenizer.encode("ab1cd"));
    }

    @Test
    void aByteWithoutATokenIsDroppedAndBlocksMergesAcrossIt() {
        BpeTokenizer tokenizer = BpeTokenizer.fromComponents(vocab(), MERGES, List.of(), false);
        assertArrayEquals(new int[] {'a', 'b'}, tokenizer.encode("axb"));
        assertArrayEquals(new int[0], tokenizer.encode("x"));
        assertArrayEquals(new int[] {AB}, tokenizer.encode("xabx"));
    }

    @Test
    void ignoreMergesTakesWholeVocabularyPieces() {
        BpeTokenizer tokenizer = BpeTokenizer.fromComponents(vocab(), MERGES, List.of(), true);
        assertArrayEquals(new int[] {ABCD}, tokenizer.encode("abcd"));
        assertArrayEquals(new int[] {ABC, 'e'}, tokenizer.encode("abce"));
    }

    @Test
    void hasNoSpecialTokens() {
        BpeTokenizer tokenizer = BpeTokenizer.fromComponents(vocab(), MERGES, List.of(), false);
        assertEquals(OptionalInt.empty(), tokenizer.bos());
        assertFalse(tokenizer.addBos());
        assertArrayEquals(new int[0], tokenizer.eos());
        assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), tokenizer.decodeBytes(AB));
        assertTrue(tokenizer.vocabulary().isSpecial('x'));
        assertThrows(UnsupportedTokenizerException.class,
                () -> BpeTokenizer.fromComponents(vocab(), List.<String[]>of(new String[] {"a", "q"}), List.of(), false));
    }

    /** Llama-3's original tokenizer.json puts <|begin_of_text|> first through a TemplateProcessing post-processor. */
    @Test
    void bosComesFromTheTemplatePostProcessor() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode model = root.putObject("model").put("type", "BPE");
        ObjectNode vocab = model.putObject("vocab");
        for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
        model.putArray("merges");
        root.putArray("added_tokens").addObject().put("id", 256).put("content", "<s>").put("special", true);
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("use_regex", true);
        ObjectNode template = root.putObject("post_processor").put("type", "Sequence").putArray("processors").addObject()
                .put("type", "TemplateProcessing");
        template.putArray("single").addObject().putObject("SpecialToken").put("id", "<s>").put("type_id", 0);
        template.withArray("single").addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        template.putObject("special_tokens").putObject("<s>").put("id", "<s>").putArray("ids").add(256);
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, mapper.writeValueAsString(root));
        BpeTokenizer tokenizer = BpeTokenizer.load(file);
        assertEquals(OptionalInt.of(256), tokenizer.bos());
        assertTrue(tokenizer.addBos());
    }
}
