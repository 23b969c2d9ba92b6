package dev.schemagate.fsm.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegexArenaTest {
    private final RegexArena arena = new RegexArena();
    private final RegexTranslator translator = new RegexTranslator(arena, new HashMap<>());

    private boolean matches(int regex, byte[] input) {
        int r = regex;
        for (byte b : input) {
            r = arena.derivative(r, b & 0xFF);
            if (r == RegexArena.EMPTY) return false;
        }
        return arena.isNullable(r);
    }

    private boolean matches(Expr e, String s) {
        return matches(translator.translate(e), s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void intersectionAndComplement() {
        Expr lower = Expr.cls(CodePointSet.range('a', 'z'));
        Expr e = Expr.and(Expr.repeat(lower, 2, 3), Expr.not(Expr.lit("abc")));
        assertTrue(matches(e, "ab"));
        assertTrue(matches(e, "abd"));
        assertFalse(matches(e, "abc"));
        assertFalse(matches(e, "a"));
        assertFalse(matches(e, "abcd"));
        assertFalse(arena.isLive(translator.translate(Expr.and(Expr.lit("a"), Expr.lit("b"))), 1000));
        assertTrue(arena.isLive(translator.translate(e), 1000));
    }

    @Test
    void countersStaySymbolic() {
        int r = translator.translate(Expr.repeat(Expr.lit("a"), 0, 100_000));
        int before = arena.size();
        int d = arena.derivative(r, 'a');
        assertTrue(arena.size() - before < 5, "one derivative adds a handful of nodes, not 100000");
        assertTrue(arena.isNullable(d));
    }

    @Test
    void utf8ClassesMatchExactlyTheirCodePoints() {
        CodePointSet set = CodePointSet.ofRanges(0x7F, 0x80, 0x7FF, 0x800, 0xE9, 0xFC, 0xFFFF, 0x10000, 0x1F422, 0x1F422, 0x10FFFE, 0x10FFFF);
        int r = translator.translate(Expr.cls(set));
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            int cp = i < 2000 ? i * 557 % 0x110000 : random.nextInt(0x110000);
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;
            byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            assertEquals(set.contains(cp), matches(r, utf8), "code point " + Integer.toHexString(cp));
        }
        assertFalse(matches(r, new byte[] {(byte) 0xC1, (byte) 0xBF}), "overlong encodings are not code points");
    }

    /** Random regular expressions against the slow reference recognizer, on random strings. */
    @Test
    void derivativesAgreeWithTheReferenceRecognizer() {
        Random random = new Random(11);
        String alphabet = "ab\"\\é🐢 ";
        int checked = 0;
        for (int n = 0; n < 400; n++) {
            Expr e = randomExpr(random, 4);
            int r = translator.translate(e);
            boolean anyMatch = false;
            for (int k = 0; k < 60; k++) {
                StringBuilder sb = new StringBuilder();
                int len = random.nextInt(7);
                for (int i = 0; i < len; i++) sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                String s = sb.toString();
                boolean expected = ReferenceRecognizer.matches(e, s);
                assertEquals(expected, matches(r, s.getBytes(StandardCharsets.UTF_8)), () -> e + " on \"" + s + "\"");
                anyMatch |= expected;
                checked++;
            }
            if (anyMatch) assertTrue(arena.isLive(r, 100_000), () -> "live expression judged empty: " + e);
        }
        assertTrue(checked > 20_000);
    }

    /** Bytes that share a class must have equal derivatives, for random expressions and what they derive to. */
    @Test
    void bytesOfOneClassHaveEqualDerivatives() {
        Random random = new Random(5);
        int compared = 0;
        for (int n = 0; n < 300; n++) {
            int r = translator.translate(randomExpr(random, 4));
            for (int step = 0; step < 4 && r != RegexArena.EMPTY; step++) {
                int[] labels = arena.classLabels(arena.byteClasses(r));
                int[] firstOfClass = new int[256];
                Arrays.fill(firstOfClass, -1);
                for (int b = 0; b < 256; b++) {
                    int rep = firstOfClass[labels[b]];
                    if (rep < 0) firstOfClass[labels[b]] = b;
                    else {
                        assertEquals(arena.derivative(r, rep), arena.derivative(r, b), "bytes " + rep + " and " + b);
                        compared++;
                    }
                }
                r = arena.derivative(r, random.nextInt(256));
            }
        }
        assertTrue(compared > 10_000);
    }

    @Test
    void stringContentHasFewByteClasses() {
        Expr content = Expr.star(Expr.cls(CodePointSet.range(0x20, 0x10FFFF).minus(CodePointSet.chars("\"\\"))));
        int[] labels = arena.classLabels(arena.byteClasses(translator.translate(content)));
        assertEquals(labels['a'], labels['z']);
        assertEquals(labels[' '], labels['~']);
        assertTrue(labels['a'] != labels['"'] && labels['a'] != labels['\\'] && labels['a'] != labels['\n']);
        assertTrue(Arrays.stream(labels).distinct().count() < 20, "UTF-8 lead and continuation ranges, not single bytes");
    }

    private static Expr randomExpr(Random random, int depth) {
        int pick = depth == 0 ? random.nextInt(3) : random.nextInt(9);
        return switch (pick) {
            case 0 -> Expr.lit(List.of("a", "b", "ab", "é", "🐢", "\"", "").get(random.nextInt(7)));
            case 1 -> Expr.cls(List.of(CodePointSet.range('a', 'b'), CodePointSet.chars("é🐢"), CodePointSet.range(0x20, 0x10FFFF).minus(CodePointSet.chars("\"\\"))).get(random.nextInt(3)));
            case 2 -> Expr.empty();
            case 3 -> Expr.seq(children(random, depth));
            case 4 -> Expr.alt(children(random, depth));
            case 5 -> {
                int min = random.nextInt(3);
                yield Expr.repeat(randomExpr(random, depth - 1), min, random.nextBoolean() ? Expr.UNBOUNDED : min + random.nextInt(3));
            }
            case 6 -> new Expr.And(children(random, depth));
            case 7 -> Expr.not(randomExpr(random, depth - 1));
            default -> Expr.star(randomExpr(random, depth - 1));
        };
    }

    private static List<Expr> children(Random random, int depth) {
        List<Expr> out = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) out.add(randomExpr(random, depth - 1));
        return out;
    }
}
