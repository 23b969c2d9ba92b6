package dev.schemagate.grammar.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Python/PCRE spellings of guided_regex, next to the ECMA-262 reading JSON Schema keeps. */
class PythonDialectTest {
    private static void matches(RegexDialect dialect, String pattern, List<String> accept, List<String> reject) {
        Expr e = EcmaRegex.fullMatch(pattern, dialect);
        for (String s : accept) assertTrue(ReferenceRecognizer.matches(e, s), () -> pattern + " should match " + s);
        for (String s : reject) assertFalse(ReferenceRecognizer.matches(e, s), () -> pattern + " should not match " + s);
    }

    private static void python(String pattern, List<String> accept, List<String> reject) {
        matches(RegexDialect.PYTHON, pattern, accept, reject);
    }

    @Test
    void pythonAndPcreSpellings() {
        python("(?P<year>\\d{4})-(?'m'\\d\\d)", List.of("2024-01"), List.of("2024-1"));
        python("\\Aab\\Z|x\\z", List.of("ab", "x"), List.of("abx"));
        python("a(?#a comment)b", List.of("ab"), List.of("a(?#a comment)b"));
        python("a{,2}b", List.of("b", "aab"), List.of("aaab", "a{,2}b"));
        python("\\x{263A}\\U0001F600\\N{GREEK SMALL LETTER ALPHA}\\u00e9", List.of("☺😀αé"), List.of("☺😀aé"));
        python("\\0\\012\\a\\e", List.of("\0\n\u0007\u001B"), List.of("\0"));
        python("[[:alpha:][:digit:]_]+", List.of("ab_12"), List.of("a-b", ":"));
        python("[]a]+", List.of("]a]"), List.of("b"));
        python("a.c", List.of("abc", "a\rc"), List.of("a\nc"));
    }

    @Test
    void flags() {
        matches(RegexDialect.PYTHON.withDotAll(), "a.c", List.of("a\nc"), List.of("ac"));
        matches(RegexDialect.PYTHON.withIgnoreCase(), "straße[a-c]+", List.of("STRAßEABC", "Straßeb"), List.of("strasse"));
        matches(RegexDialect.PYTHON.withIgnoreCase(), "[^k]", List.of("x"), List.of("K", "k", "\u212A"));
    }

    @Test
    void theEcmaReadingIsUnchanged() {
        matches(RegexDialect.ECMA, "a{,2}", List.of("a{,2}"), List.of("aa"));
        matches(RegexDialect.ECMA, "a.c", List.of("abc"), List.of("a\rc", "a\nc"));
        assertThrows(RegexSyntaxException.class, () -> EcmaRegex.fullMatch("(?P<x>a)"));
        assertThrows(RegexSyntaxException.class, () -> EcmaRegex.fullMatch("\\A"));
    }

    @Test
    void constructsThatChangeTheLanguageAreRefused() {
        for (String p : List.of("a*+", "(?>ab)", "(?P<x>a)(?P=x)", "(a)\\1", "(?i)a", "a(?=b)")) {
            assertThrows(UnsupportedRegexException.class, () -> EcmaRegex.fullMatch(p, RegexDialect.PYTHON), p);
        }
    }

    @Test
    void guidedRegexErrorsCarryAColumn() {
        InvalidGrammarException e = assertThrows(InvalidGrammarException.class, () -> GuidedRegex.grammar("ab(c"));
        assertEquals(1, e.line());
        assertEquals(5, e.column());
        e = assertThrows(InvalidGrammarException.class, () -> GuidedRegex.grammar("ab\\1"));
        assertEquals(3, e.column());
    }
}
