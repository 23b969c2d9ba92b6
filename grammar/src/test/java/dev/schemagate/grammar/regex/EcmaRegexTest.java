package dev.schemagate.grammar.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import org.junit.jupiter.api.Test;

class EcmaRegexTest {
    private static void search(String pattern, String[] yes, String... no) {
        check(EcmaRegex.search(pattern), "search /" + pattern + "/", yes, no);
    }

    private static void full(String pattern, String[] yes, String... no) {
        check(EcmaRegex.fullMatch(pattern), "fullMatch /" + pattern + "/", yes, no);
    }

    private static void check(Expr e, String what, String[] yes, String[] no) {
        for (String s : yes) assertTrue(ReferenceRecognizer.matches(e, s), () -> what + " should accept '" + s + "'");
        for (String s : no) assertFalse(ReferenceRecognizer.matches(e, s), () -> what + " should reject '" + s + "'");
    }

    private static String[] yes(String... s) {
        return s;
    }

    @Test
    void searchIsUnanchoredByDefault() {
        search("abc", yes("abc", "xabcx", "\nabc\n"), "ab", "acb", "");
        search("a+", yes("xxaayy"), "xxyy");
        search("", yes("", "anything\n"));
    }

    @Test
    void caretAndDollarAnchorToTheWholeString() {
        search("^abc$", yes("abc"), "abc\n", "xabc", "abcx", "\nabc");
        search("^abc", yes("abc", "abcx"), "xabc");
        search("abc$", yes("abc", "xabc"), "abcx");
        search("^$", yes(""), "a", "\n");
        search("^^a$$", yes("a"), "aa");
    }

    @Test
    void anchorsInsideGroupsAndAlternatives() {
        search("a|^b", yes("xa", "b", "bx", "ax"), "xb", "");
        search("(^|,)x", yes("x", "a,x", "xy"), "ax", "");
        search("x(,|$)", yes("x", "x,a", "ax"), "xa");
        search("^(a|b$)", yes("a", "ax", "b"), "bx", "xa", "xb");
        full("(^a)*b", yes("b", "ab"), "aab", "");
        full("(a|^)+b", yes("b", "ab", "aab"), "ba", "");
        full("(a$|b)+", yes("b", "bb", "bba", "a"), "ab", "aa", "");
        full("(^a|b)(c|$)", yes("ac", "a", "bc", "b"), "c", "abc");
        full("(^a|b){2,3}", yes("ab", "abb", "bb", "bbb"), "aa", "ba", "abbb", "b");
        full("(^|a){3}b", yes("b", "ab", "aab", "aaab"), "aaaab");
        full("(a|$){2}", yes("", "a", "aa"), "aaa");
    }

    @Test
    void anchorBetweenCharactersIsTheEmptyLanguage() {
        search("a^b", yes(), "ab", "a^b", "", "b");
        search("a$b", yes(), "ab", "a\nb", "a$b");
        assertInstanceOf(Expr.Nothing.class, EcmaRegex.fullMatch("a^b"));
    }

    @Test
    void fullMatchTreatsTheWholeStringAsTheMatch() {
        full("abc", yes("abc"), "xabc", "abcx");
        full("cat|dog", yes("cat", "dog"), "catdog", "ca");
        full("|a", yes("", "a"), "aa");
    }

    @Test
    void quantifiersAndTheirLazyForms() {
        full("a{2,3}", yes("aa", "aaa"), "a", "aaaa");
        full("a{2,}", yes("aa", "aaaaa"), "a");
        full("a{2}", yes("aa"), "a", "aaa");
        full("ab*c+d?", yes("ac", "abbccd", "acc"), "abd", "acdd");
        full("a+?", yes("a", "aaa"), "");
        full("a??b", yes("b", "ab"), "aab");
        full("a{2,3}?", yes("aa", "aaa"), "a", "aaaa");
        full("(?:ab){0,2}", yes("", "ab", "abab"), "a", "ababab");
    }

    @Test
    void largeCountedRepetitionsAreNotUnrolled() {
        Expr e = EcmaRegex.fullMatch("a{1000,100000}");
        Expr.Repeat r = assertInstanceOf(Expr.Repeat.class, e);
        assertEquals(1000, r.min());
        assertEquals(100000, r.max());
        assertTrue(ReferenceRecognizer.matches(e, "a".repeat(1000)));
        assertFalse(ReferenceRecognizer.matches(e, "a".repeat(999)));
    }

    @Test
    void annexBLiteralBracesAndBrackets() {
        full("a{,2}", yes("a{,2}"), "a", "aa");
        full("x{", yes("x{"));
        full("{a}", yes("{a}"));
        full("a}", yes("a}"));
        full("]", yes("]"));
        full("x{2,a}", yes("x{2,a}"), "xx");
    }

    @Test
    void characterEscapes() {
        full("\\n\\r\\t\\v\\f\\0", yes("\n\r\t\u000b\f\u0000"));
        full("\\x41\\u0042\\u{43}\\u{1F600}", yes("ABC😀"));
        full("\\cJ\\cj", yes("\n\n"));
        full("\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\\\/\\-", yes(".*+?()[]{}|^$\\/-"), "a");
    }

    @Test
    void surrogatePairsAreOneCodePoint() {
        full("😀+", yes("😀", "😀😀"), "");
        full("\\uD83D\\uDE00", yes("😀"));
        full("[😀-😂]", yes("😀", "😁", "😂"), "😃");
        full("[\\uD83D\\uDE00x]", yes("😀", "x"), "");
    }

    @Test
    void dotExcludesLineTerminatorsOnly() {
        full(".", yes("a", "é", "😀", "\u0085", "\t"), "\n", "\r", "\u2028", "\u2029", "", "ab");
    }

    @Test
    void characterClasses() {
        full("[a-c]", yes("a", "b", "c"), "d", "-");
        full("[^a-c]", yes("d", "😀", "\n"), "b", "");
        full("[]", yes(), "", "a", "]");
        full("[^]", yes("a", "\n", "😀"), "", "ab");
        full("[-a]", yes("-", "a"), "b");
        full("[a-]", yes("-", "a"), "b");
        full("[\\w-.]", yes("a", "_", "-", "."), ",", " ");
        full("[a-b-c]", yes("a", "b", "-", "c"), "d");
        full("[\\b]", yes("\b"), "b");
        full("[.]", yes("."), "a");
        full("[a\\]b]", yes("]", "a", "b"), "\\");
        full("[\\^a]", yes("^", "a"), "b");
        full("[\\d\\s]", yes("5", " ", "\u00a0"), "a");
        full("[^\\d]", yes("a", "٣"), "5");
        full("[\\x41-\\x43]", yes("A", "B", "C"), "D");
    }

    @Test
    void classEscapesAreAsciiForDigitsAndWordCharacters() {
        full("\\d", yes("0", "9"), "٣", "a");
        full("\\D", yes("٣", "a"), "0");
        full("\\w", yes("a", "Z", "0", "_"), "é", "-");
        full("\\W", yes("é", "-"), "a", "_");
    }

    @Test
    void spaceIsEcmaWhiteSpaceAndLineTerminators() {
        String[] spaces = {" ", "\t", "\n", "\r", "\u000b", "\f", "\u00a0", "\u1680", "\u2000", "\u200a",
            "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff"};
        full("\\s", spaces, "\u200b", "\u180e", "\u0085", "a", "\u0001");
        full("\\S", yes("\u200b", "a", "\u0001"), spaces);
    }

    @Test
    void unicodePropertyEscapes() {
        full("\\p{L}", yes("é", "π", "a"), "1", "-");
        full("\\p{Letter}", yes("é"), "1");
        full("\\p{Lu}", yes("A", "É"), "a");
        full("\\P{L}", yes("1", "-"), "a");
        full("\\p{Nd}+", yes("42", "৪২"), "x");
        full("\\p{digit}", yes("৪"), "x");
        full("\\p{Script=Greek}", yes("π"), "p");
        full("\\p{sc=Latn}", yes("p", "é"), "π");
        full("\\p{gc=Zs}", yes(" ", "\u3000"), "\t");
        full("[\\p{Lu}\\d]", yes("A", "7"), "a");
        full("\\p{ASCII}", yes("\u007f"), "\u0080");
        UnsupportedRegexException e = assertThrows(UnsupportedRegexException.class, () -> EcmaRegex.search("\\p{Foo}"));
        assertTrue(e.construct().contains("\\p{Foo}"), e.getMessage());
    }

    @Test
    void groupsAreTransparent() {
        full("(?:ab)+", yes("ab", "abab"), "aba");
        full("(?<year>\\d{4})-(?<m>\\d\\d)", yes("2024-01"), "2024-1");
        full("((a)|(b))c", yes("ac", "bc"), "c");
    }

    @Test
    void refusesWhatItCannotCompileExactly() {
        refuses("(?=a)", "lookahead");
        refuses("x(?!a)", "lookahead");
        refuses("(?<=a)b", "lookbehind");
        refuses("(?<!a)b", "lookbehind");
        refuses("\\bword", "word boundary");
        refuses("a\\B", "word boundary");
        refuses("(a)\\1", "backreference");
        refuses("(?<n>a)\\k<n>", "backreference");
        refuses("(?i)abc", "inline flags");
        refuses("(?i:abc)", "inline flags");
        refuses("a\\01", "octal");
    }

    private static void refuses(String pattern, String construct) {
        UnsupportedRegexException e = assertThrows(UnsupportedRegexException.class, () -> EcmaRegex.search(pattern));
        assertTrue(e.construct().contains(construct), () -> pattern + ": " + e.getMessage());
    }

    @Test
    void syntaxErrorsCarryTheirPosition() {
        syntaxError("ab(cd", 5);
        syntaxError("a)", 1);
        syntaxError("a**", 2);
        syntaxError("*a", 0);
        syntaxError("{2}", 0);
        syntaxError("a{3,2}", 1);
        syntaxError("[a", 2);
        syntaxError("[b-a]", 3);
        syntaxError("\\", 1);
        syntaxError("\\c1", 2);
        syntaxError("\\xZ1", 2);
        syntaxError("\\u{110000}", 3);
        syntaxError("\\a", 0);
        syntaxError("^*", 1);
        syntaxError("(?<1a>x)", 3);
        syntaxError("(?P<n>x)", 2);
        syntaxError("😀(", 3);
    }

    private static void syntaxError(String pattern, int position) {
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> EcmaRegex.search(pattern));
        assertEquals(position, e.position(), e.getMessage());
    }
}
