package dev.schemagate.decoder.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.decoder.gguf.GgufFile;
import dev.schemagate.decoder.gguf.GgufFormatException;
import dev.schemagate.decoder.gguf.GgufWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made "llama" (SentencePiece) vocabulary whose expected pieces follow from llama.cpp's algorithm by hand:
 * the highest-scoring adjacent pair merges first, the leftmost on ties, unknown characters fall back to bytes.
 */
class SentencePieceTokenizerTest {
    private static final int UNK = 0, BOS = 1, EOS = 2, SPACE = 259, A = 260, B = 261, C = 262, X = 263;
    private static final int AB = 264, BC = 265, SPACE_A = 266, XX = 267, TOOL = 268;

    @TempDir
    Path dir;

    /** Ids 3..258 are the byte tokens {@code <0x00>}..{@code <0xFF>}. */
    private static int byteToken(int b) {
        return 3 + b;
    }

    private GgufTokenizer tokenizer(Boolean addSpacePrefix) throws IOException {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            scores.add(0f);
            types.add(6);
        }
        Object[][] normal = {{"▁", -5f}, {"a", -10f}, {"b", -10f}, {"c", -10f}, {"x", -10f},
                {"ab", -3f}, {"bc", -1f}, {"▁a", -2f}, {"xx", -1f}};
        for (Object[] t : normal) {
            tokens.add((String) t[0]);
            scores.add((Float) t[1]);
            types.add(1);
        }
        tokens.add("<tool>");
        scores.add(0f);
        types.add(4);
        float[] scoreArray = new float[scores.size()];
        for (int i = 0; i < scoreArray.length; i++) scoreArray[i] = scores.get(i);
        GgufWriter writer = new GgufWriter()
                .putString("general.architecture", "llama")
                .putString("tokenizer.ggml.model", "llama")
                .putStrings("tokenizer.ggml.tokens", tokens)
                .putFloats("tokenizer.ggml.scores", scoreArray)
                .putInts("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray());
        if (addSpacePrefix != null) writer.putBool("tokenizer.ggml.add_space_prefix", addSpacePrefix);
        try (GgufFile gguf = GgufFile.open(writer.write(dir.resolve("spm.gguf")))) {
            return GgufTokenizer.load(gguf);
        }
    }

    @Test
    void highestScoreMergesFirst() throws IOException {
        GgufTokenizer spm = tokenizer(null);
        // "▁abc": bc (-1) beats ▁a (-2) and ab (-3); then ▁a; ab is stale once b has joined c.
        assertArrayEquals(new int[] {SPACE_A, BC}, spm.encode("abc"));
        assertEquals(" abc", spm.decode(spm.encode("abc")));
        // "▁a▁b": only ▁a is a token among the pairs.
        assertArrayEquals(new int[] {SPACE_A, SPACE, B}, spm.encode("a b"));
    }

    @Test
    void equalScoresMergeLeftmostFirst() throws IOException {
        // "▁xxx": both xx pairs score -1; the left one wins, leaving the last x alone.
        assertArrayEquals(new int[] {SPACE, XX, X}, tokenizer(null).encode("xxx"));
    }

    @Test
    void charactersWithoutATokenFallBackToBytes() throws IOException {
        GgufTokenizer spm = tokenizer(null);
        int[] ids = spm.encode("é");
        assertArrayEquals(new int[] {SPACE, byteToken(0xC3), byteToken(0xA9)}, ids);
        assertEquals(" é", spm.decode(ids));
        assertArrayEquals(new byte[] {(byte) 0xC3}, spm.decodeBytes(byteToken(0xC3)));
    }

    @Test
    void specialTokensSplitTheTextAndEachPieceGetsTheSpacePrefix() throws IOException {
        GgufTokenizer spm = tokenizer(null);
        assertArrayEquals(new int[] {SPACE_A, B, EOS, SPACE_A, B}, spm.encode("ab</s>ab"));
        assertArrayEquals(new int[] {TOOL, SPACE, C}, spm.encode("<tool>c"));
        assertArrayEquals(new int[0], spm.encode(""));
    }

    @Test
    void withoutTheSpacePrefix() throws IOException {
        // "abc": bc first, then a and bc do not form a token.
        assertArrayEquals(new int[] {A, BC}, tokenizer(false).encode("abc"));
        assertArrayEquals(new int[] {AB}, tokenizer(false).encode("ab"));
    }

    @Test
    void vocabularyForTheMaskEngine() throws IOException {
        GgufTokenizer spm = tokenizer(null);
        assertEquals("llama", spm.model());
        assertEquals(OptionalInt.of(BOS), spm.bos());
        assertTrue(spm.addBos(), "SentencePiece vocabularies add a BOS unless the file says otherwise");
        assertArrayEquals(new int[] {EOS}, spm.eos());
        assertTrue(spm.vocabulary().isSpecial(UNK));
        assertTrue(spm.vocabulary().isSpecial(BOS));
        assertFalse(spm.vocabulary().isSpecial(TOOL));
        assertFalse(spm.vocabulary().isSpecial(byteToken('a')));
        assertEquals(" a", new String(spm.decodeBytes(SPACE_A), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void unsupportedOrMissingTokenizersAreRefusedClearly() throws IOException {
        Path bert = new GgufWriter().putString("tokenizer.ggml.model", "bert")
                .putStrings("tokenizer.ggml.tokens", List.of("a")).write(dir.resolve("bert.gguf"));
        try (GgufFile gguf = GgufFile.open(bert)) {
            TokenizerAssertions.assertMessage(dev.schemagate.tokenizer.UnsupportedTokenizerException.class,
                    () -> GgufTokenizer.load(gguf), "tokenizer model \"bert\" (tokenizer.ggml.model) is not supported");
        }
        Path none = new GgufWriter().putString("general.architecture", "llama").write(dir.resolve("none.gguf"));
        try (GgufFile gguf = GgufFile.open(none)) {
            TokenizerAssertions.assertMessage(GgufFormatException.class, () -> GgufTokenizer.load(gguf), "tokenizer.ggml.model is missing");
        }
        Path tekken = new GgufWriter().putString("tokenizer.ggml.model", "gpt2").putString("tokenizer.ggml.pre", "tekken")
                .putStrings("tokenizer.ggml.tokens", List.of("a")).putStrings("tokenizer.ggml.merges", List.of())
                .write(dir.resolve("tekken.gguf"));
        try (GgufFile gguf = GgufFile.open(tekken)) {
            TokenizerAssertions.assertMessage(dev.schemagate.tokenizer.UnsupportedTokenizerException.class,
                    () -> GgufTokenizer.load(gguf), "pre-tokenizer \"tekken\" (tokenizer.ggml.pre) is not supported; supported: ");
        }
    }
}
