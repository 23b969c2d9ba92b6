package dev.schemagate.grammar.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Compares {@code search(p)} (through the reference recognizer) with java.util.regex {@code find()} on
 * patterns whose Java meaning coincides with ECMA-262, over random strings, samples of the compiled
 * language, their one-character mutations, and the MaskBench instances' strings.
 */
class EcmaRegexDifferentialTest {
    private static final List<String> HAND_WRITTEN = List.of(
            "abc", "^abc$", "a|b|c", "^(a|b)+$", "a*b+c?", "^a{2,4}$", "^a{2,}$", "^(ab){2}$", "x{0}y",
            "^[a-z]+$", "[^a-z]", "^[\\w.-]+@[\\w-]+\\.[a-z]{2,}$", "\\d{3}-\\d{4}", "^\\s*$", "\\S+", "^\\W",
            "^.$", "^...$", "a.c", "^$", "^", "$", "a^b", "a$b", "(^|x)y", "y($|x)", "^a|b$", "(^a|b)+c",
            "(a|^)b", "x(y$|z)w", "^(?:foo|bar)baz$", "(?<n>\\d+)x", "[-a]", "[a-]", "[a\\-z]", "[\\]]",
            "\\[", "\\]", "a}", "\\{\\}", "[.]", "\\.", "\\\\", "\\/", "^\\t\\n$", "\\x41", "\\u00e9", "é+",
            "😀", "^[😀-😂]+$", "[^😀]", "^(\\d+(\\.\\d+)?)$", "^-?(0|[1-9]\\d*)$", "a+?b", "a*?", "(a|ab)(c|bcd)(d*)",
            "^(a*)*$", "^(a?){3}$", "(|a)+", "^(a|)$", "[a-c]{1,3}?$", "((a)|b)+", "^[^\\n]*$", "\\r\\n",
            "^[ -~]*$", "[\\d\\w]+", "^.*\\.(jpg|png)$", "^(([0-9]{1,3})\\.){3}[0-9]{1,3}$", "(^a)*b$",
            "^(a$|b)+", "(x|^)+y", "(^|$)", "^(^a|$b)$", "a{3}$|^b{2}", "(?:^|\\s)#\\w+", "[^\\s]+$");
    private static final int[] EXTRA_ALPHABET = "a0 \n-_.é😀/:".codePoints().toArray();
    private static final String JAVA_LINE_TERMINATORS = "\n\r\u0085\u2028\u2029";

    @Test
    void agreesWithJavaRegexWhereTheSemanticsCoincide() {
        Map<String, Set<String>> instances = MaskBenchPatterns.load().instanceStrings();
        List<String> harvested = new ArrayList<>(instances.keySet());
        List<String> patterns = new ArrayList<>(HAND_WRITTEN);
        int step = Math.max(1, harvested.size() / 260);
        for (int i = 0; i < harvested.size(); i += step) patterns.add(harvested.get(i));

        List<String> disagreements = new ArrayList<>();
        int compared = 0, checks = 0;
        for (String p : patterns) {
            if (!javaMeansTheSame(p)) continue;
            Pattern java;
            Expr ours;
            try {
                java = Pattern.compile(p);
                ours = EcmaRegex.search(p);
            } catch (PatternSyntaxException | GrammarException e) {
                continue;
            }
            compared++;
            for (String s : testStrings(p, ours, instances.getOrDefault(p, Set.of()))) {
                if (javaDiffersOn(p, s)) continue;
                checks++;
                boolean expected = java.matcher(s).find();
                if (ReferenceRecognizer.matches(ours, s) != expected) {
                    disagreements.add("/" + p + "/ on '" + s + "': java says " + expected);
                }
            }
        }
        System.out.printf("differential: %d of %d patterns compared with java.util.regex, %d strings%n",
                compared, patterns.size(), checks);
        assertEquals(List.of(), disagreements.stream().limit(30).toList(), disagreements.size() + " disagreements");
        assertTrue(compared >= 250, "only " + compared + " patterns compared");
        assertTrue(checks >= 15_000, "only " + checks + " strings compared");
    }

    private static Set<String> testStrings(String p, Expr ours, Set<String> instanceStrings) {
        Random random = new Random(p.hashCode());
        int[] alphabet = IntStream.concat(p.codePoints(), IntStream.of(EXTRA_ALPHABET)).distinct().toArray();
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < 25; i++) out.add(randomString(random, alphabet, random.nextInt(11)));
        ExprSampler sampler = new ExprSampler(random, alphabet);
        for (int i = 0; i < 12; i++) {
            String s = sampler.sample(ours);
            if (s == null || s.length() > 300) continue;
            out.add(s);
            out.add(mutate(random, alphabet, s));
            out.add(mutate(random, alphabet, s));
        }
        instanceStrings.stream().filter(s -> s.length() <= 200).limit(20).forEach(out::add);
        return out;
    }

    private static String randomString(Random random, int[] alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        return sb.toString();
    }

    /** Deletes, inserts or replaces one code point. */
    private static String mutate(Random random, int[] alphabet, String s) {
        int[] cps = s.codePoints().toArray();
        int at = random.nextInt(cps.length + 1);
        int kind = cps.length == 0 ? 1 : random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= cps.length; i++) {
            if (i == at && kind == 1) sb.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            if (i == cps.length) break;
            if (i == at && kind == 0) continue;
            sb.appendCodePoint(i == at && kind == 2 ? alphabet[random.nextInt(alphabet.length)] : cps[i]);
        }
        return sb.toString();
    }

    /**
     * Rejects patterns where java.util.regex gives a different meaning to the same text: nested classes
     * and {@code &&} inside classes, {@code []} / {@code [^]}, letter escapes other than the shared ones
     * (\p, \v, \c, \b, braced \\u), numeric escapes, inline groups other than (?:...) and (?<name>...),
     * and Annex B literal braces.
     */
    private static boolean javaMeansTheSame(String p) {
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            String rest = p.substring(i + 1);
            if (c == '\\') {
                if (rest.isEmpty()) return false;
                char d = rest.charAt(0);
                if (Character.isDigit(d)) return false;
                if (Character.isLetter(d) && "dDwWsSnrtfxu".indexOf(d) < 0) return false;
                if (d == 'u' && rest.startsWith("u{")) return false;
                i++;
            } else if (inClass) {
                if (c == '[' || (c == '&' && rest.startsWith("&"))) return false;
                if (c == ']') inClass = false;
            } else if (c == '[') {
                if (rest.startsWith("]") || rest.startsWith("^]")) return false;
                inClass = true;
                if (rest.startsWith("^")) i++;
            } else if (c == '(' && rest.startsWith("?") && !rest.startsWith("?:")
                    && !(rest.startsWith("?<") && rest.length() > 2 && Character.isLetter(rest.charAt(2)))) {
                return false;
            } else if (c == '{' && !rest.matches("(?s)\\d+(,\\d*)?}.*")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Strings on which Java's defaults differ from ECMA for this pattern: Java's {@code $} also matches
     * before a final line terminator, its {@code .} excludes U+0085, and its {@code \s} is ASCII only.
     */
    private static boolean javaDiffersOn(String p, String s) {
        if (p.contains("$") && !s.isEmpty() && JAVA_LINE_TERMINATORS.indexOf(s.charAt(s.length() - 1)) >= 0) return true;
        if (s.indexOf('\u0085') >= 0) return true;
        boolean unicodeSpace = s.codePoints().anyMatch(cp -> cp > 0x7F && RegexParser.SPACE.contains(cp));
        return unicodeSpace && (p.contains("\\s") || p.contains("\\S"));
    }

    @Test
    void everyMaskBenchPatternCompilesOrIsRefusedWithAGrammarException() {
        Set<String> patterns = MaskBenchPatterns.load().instanceStrings().keySet();
        Map<String, Integer> refusals = new TreeMap<>();
        int compiled = 0;
        for (String p : patterns) {
            try {
                EcmaRegex.search(p);
                compiled++;
            } catch (UnsupportedRegexException e) {
                refusals.merge("unsupported: " + e.construct(), 1, Integer::sum);
            } catch (RegexSyntaxException e) {
                refusals.merge("syntax: " + e.getMessage().replaceAll(".* expected ", ""), 1, Integer::sum);
            }
        }
        System.out.printf("MaskBench patterns: %d distinct, %d compiled, %d refused%n", patterns.size(), compiled,
                patterns.size() - compiled);
        refusals.forEach((why, n) -> System.out.printf("  %4d  %s%n", n, why));
        assertTrue(compiled > patterns.size() * 9 / 10, "too many refusals: " + refusals);
    }
}
