package dev.schemagate.tokenizer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected matches follow Oniguruma's documented Ruby-syntax semantics, checked against Hugging Face's Split. */
class OnigurumaPatternTest {
    private static boolean matches(String regex, String text) {
        return OnigurumaPattern.compile(regex).matcher(text).matches();
    }

    @Test
    void classShorthandsAreUnicode() {
        assertTrue(matches("\\s", "\u0085"));
        assertTrue(matches("\\s", "\u3000"));
        assertFalse(matches("\\s", "\uFEFF"));
        assertTrue(matches("\\d+", "١٢٣"));
        assertTrue(matches("\\w+", "héllo"));
    }

    @Test
    void caseInsensitiveGroupsFoldUnicode() {
        assertTrue(matches("(?i:'s)", "'ſ"));
        assertTrue(matches("(?i:'ll)", "'LL"));
    }

    @Test
    void rubyMeaningsOfEscapesAndAnchors() {
        assertTrue(matches("\\v", "\u000B"));
        assertFalse(matches("\\v", "\n"));
        assertTrue(matches("\\h+", "09aF"));
        assertFalse(matches("\\h", "g"));
        assertTrue(OnigurumaPattern.compile("^a").matcher("b\na").find());
        assertTrue(matches(".+", "a\r\u2028b"));
        assertFalse(matches(".+", "a\nb"));
        assertTrue(matches("\\p{^L}", "1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\p{Han}", "(?m:.)", "a{2}+", "a{,3}", "[[:alpha:]]", "\\R", "\\X", "(a)\\1", "(?x) a"})
    void refusesWhatItCannotMatchExactly(String regex) {
        assertThrows(UnsupportedTokenizerException.class, () -> OnigurumaPattern.compile(regex));
    }

    @Test
    void keepsTheLookaheadThatLeavesASpaceForTheNextWord() {
        Pattern gpt2 = OnigurumaPattern.compile(PreTokenizer.GPT2_PATTERN);
        var matcher = gpt2.matcher("a   b");
        assertTrue(matcher.find());
        assertTrue(matcher.find());
        assertTrue(matcher.group().equals("  "));
    }
}
