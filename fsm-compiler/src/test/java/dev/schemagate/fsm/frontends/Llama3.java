package dev.schemagate.fsm.frontends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.tokenizer.BpeTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The Llama-3 tokenizer from the schemagate cache and one mask engine over its vocabulary, shared by the tests. */
final class Llama3 {
    static final BpeTokenizer TOKENIZER = load();
    static final MaskEngine ENGINE = new MaskEngine(TOKENIZER.vocabulary());

    private Llama3() {}

    private static BpeTokenizer load() {
        String cache = System.getProperty("schemagate.cache");
        if (cache == null) throw new IllegalStateException("system property schemagate.cache is not set (run through Maven)");
        Path file = Path.of(cache, "tokenizers", "llama3", "tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Llama-3 tokenizer not found at " + file + " (run scripts/fetch-tokenizer.sh llama3)");
        }
        try {
            return BpeTokenizer.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Walks the text's Llama-3 tokens through a matcher: at each step the token must be in the mask, and the
     * mask bit must agree with commit. True when every token was allowed and the matcher accepts at the end.
     */
    static boolean accepts(Grammar grammar, String text) {
        return accepts(ENGINE.compile(grammar), text);
    }

    static boolean accepts(CompiledConstraint constraint, String text) {
        Matcher m = constraint.matcher();
        long[] mask = new long[ENGINE.maskWords()];
        for (int token : TOKENIZER.encode(text)) {
            m.fillMask(mask);
            boolean inMask = (mask[token >>> 6] & (1L << token)) != 0;
            boolean committed = m.commit(token);
            assertEquals(inMask, committed, () -> "mask and commit disagree on token " + token + " of " + show(text));
            if (!committed) return false;
        }
        return m.isAccepting();
    }

    /**
     * A random allowed token, preferring ones of at most two bytes (so walks stay close to the strings a
     * grammar is about, yet take long tokens too); -1 when none is allowed.
     */
    static int pickShort(long[] mask, Random random) {
        int count = 0;
        for (long w : mask) count += Long.bitCount(w);
        if (count == 0) return -1;
        int chosen = -1;
        for (int attempt = 0; attempt < 8; attempt++) {
            int k = random.nextInt(count);
            for (int w = 0; ; w++) {
                int c = Long.bitCount(mask[w]);
                if (k < c) {
                    long word = mask[w];
                    for (int j = 0; j < k; j++) word &= word - 1;
                    chosen = (w << 6) + Long.numberOfTrailingZeros(word);
                    break;
                }
                k -= c;
            }
            if (TOKENIZER.vocabulary().bytes(chosen).length <= 2) return chosen;
        }
        return chosen;
    }

    static String show(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"") + '"';
    }
}
