package dev.schemagate.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Grammar;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortest ending of an output ({@link Matcher#bytesToEnd}) and steering to it ({@link Matcher#steerToEnd}). */
class ShortestEndingTest {
    private static final TestVocabulary V = MatcherTest.V;
    private static final MaskEngine ENGINE = MatcherTest.ENGINE;

    private static Matcher after(Grammar g, String prefix) {
        Matcher m = ENGINE.compile(g).matcher();
        for (int t : V.tokenize(prefix)) assertTrue(m.commit(t), prefix);
        return m;
    }

    @Test
    void countsTheBytesOfTheShortestCompletion() {
        Grammar object = MatcherTest.objectGrammar();
        assertEquals("{\"a\":0}".length(), after(object, "").bytesToEnd());
        assertEquals("0}".length(), after(object, "{\"a\":").bytesToEnd());
        assertEquals("}".length(), after(object, "{\"a\": 12").bytesToEnd());
        assertEquals("\"}".length(), after(object, "{\"a\": 12, \"b\": \"x").bytesToEnd());
        assertEquals(":0}".length(), after(object, "{\"a\": 1, \"zz\"").bytesToEnd());
        assertEquals(0, after(object, "{\"a\": 1}").bytesToEnd());
        Grammar arrays = MatcherTest.nestedArrays();
        assertEquals(1, after(arrays, "").bytesToEnd());
        assertEquals("0]]".length(), after(arrays, "[[1, ").bytesToEnd());
        assertEquals("]]]".length(), after(arrays, "[[[").bytesToEnd());
    }

    @Test
    void zeroExactlyWhereTheOutputMayEnd() {
        Random random = new Random(7);
        long[] mask = new long[ENGINE.maskWords()];
        for (Grammar g : MatcherTest.GRAMMARS) {
            for (int walk = 0; walk < 30; walk++) {
                Matcher m = ENGINE.compile(g).matcher();
                for (int step = 0; step < 12; step++) {
                    assertEquals(m.isAccepting(), m.bytesToEnd() == 0, "grammar " + g.rules());
                    int t = randomAllowed(m, mask, random);
                    if (t < 0) break;
                    m.commit(t);
                }
            }
        }
    }

    /** From any state, a budget of exactly the shortest ending's length (one byte per token) is enough when steered. */
    @Test
    void steeringEndsWithinABudgetOfTheShortestEnding() {
        Random random = new Random(11);
        long[] mask = new long[ENGINE.maskWords()];
        int steered = 0;
        for (Grammar g : MatcherTest.GRAMMARS) {
            for (int walk = 0; walk < 40; walk++) {
                Matcher m = ENGINE.compile(g).matcher();
                int prefix = random.nextInt(10);
                for (int step = 0; step < prefix; step++) {
                    int t = randomAllowed(m, mask, random);
                    if (t < 0) break;
                    m.commit(t);
                }
                int budget = m.bytesToEnd();
                for (int left = budget; left > 0; left--) {
                    m.fillMask(mask);
                    assertTrue(m.steerToEnd(mask, left, 0), "steering engages within the budget");
                    steered++;
                    int t = randomAllowed(mask, random);
                    assertTrue(t >= 0 && t != V.eos && m.commit(t), "a steered token commits");
                }
                assertTrue(m.isAccepting(), "ended within " + budget + " tokens, grammar " + g.rules());
            }
        }
        assertTrue(steered > 100, "steered " + steered + " steps");
    }

    @Test
    void farFromTheBudgetTheMaskIsLeftAlone() {
        Matcher m = after(MatcherTest.objectGrammar(), "{\"a\": 1, \"b\": \"");
        long[] mask = new long[ENGINE.maskWords()];
        m.fillMask(mask);
        long[] before = mask.clone();
        assertFalse(m.steerToEnd(mask, 100, 4));
        assertTrue(java.util.Arrays.equals(before, mask));
        assertTrue(m.steerToEnd(mask, 2, 0), "the shortest ending \"} needs both tokens left");
        for (int t = 0; t < V.vocabulary.size(); t++) {
            if ((mask[t >>> 6] & (1L << t)) != 0) assertEquals(1, V.vocabulary.bytes(t).length, "only single bytes when steering");
        }
    }

    private static int randomAllowed(Matcher m, long[] mask, Random random) {
        m.fillMask(mask);
        return randomAllowed(mask, random);
    }

    /** A random allowed token other than end-of-sequence, or -1. */
    private static int randomAllowed(long[] mask, Random random) {
        List<Integer> allowed = new ArrayList<>();
        for (int t = 0; t < V.vocabulary.size(); t++) {
            if (t != V.eos && (mask[t >>> 6] & (1L << t)) != 0) allowed.add(t);
        }
        return allowed.isEmpty() ? -1 : allowed.get(random.nextInt(allowed.size()));
    }
}
