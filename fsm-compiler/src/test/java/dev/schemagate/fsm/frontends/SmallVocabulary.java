package dev.schemagate.fsm.frontends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.tokenizer.TokenVocabulary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A vocabulary dense in multi-character tokens over a small alphabet: every byte, every string of two and
 * three characters of "abc ", and a few with 'é', plus an end-of-sequence token. Masks are cheap here, and
 * most tokens cross lexeme boundaries, which is where lexing mistakes show.
 */
final class SmallVocabulary {
    final List<byte[]> tokens = new ArrayList<>();
    final MaskEngine engine;
    private final int eos;

    SmallVocabulary() {
        for (int b = 0; b < 256; b++) tokens.add(new byte[] {(byte) b});
        String base = "abc ";
        for (char x : base.toCharArray()) {
            for (char y : base.toCharArray()) {
                add("" + x + y);
                for (char z : base.toCharArray()) add("" + x + y + z);
            }
        }
        for (String s : new String[] {"é", "aé", "éa", " é", "éé", "b é"}) add(s);
        add("<eos>");
        eos = tokens.size() - 1;
        boolean[] special = new boolean[tokens.size()];
        special[eos] = true;
        engine = new MaskEngine(new TokenVocabulary(tokens.toArray(byte[][]::new), special, new int[] {eos}));
    }

    private void add(String s) {
        tokens.add(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A random split of the text into tokens of this vocabulary (every byte is a token, so one exists). */
    int[] randomTokens(String text, Random random) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Integer> out = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            List<Integer> fits = new ArrayList<>();
            for (int id = 0; id < eos; id++) {
                byte[] t = tokens.get(id);
                if (i + t.length <= bytes.length && Arrays.equals(t, 0, t.length, bytes, i, i + t.length)) fits.add(id);
            }
            int pick = fits.get(random.nextInt(fits.size()));
            out.add(pick);
            i += tokens.get(pick).length;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Like {@link Llama3#accepts}, over a random tokenization of the text. */
    boolean accepts(CompiledConstraint constraint, String text, Random random) {
        Matcher m = constraint.matcher();
        long[] mask = new long[engine.maskWords()];
        for (int token : randomTokens(text, random)) {
            m.fillMask(mask);
            boolean inMask = (mask[token >>> 6] & (1L << token)) != 0;
            boolean committed = m.commit(token);
            assertEquals(inMask, committed, () -> "mask and commit disagree on token " + token + " of " + Llama3.show(text));
            if (!committed) return false;
        }
        return m.isAccepting();
    }
}
