package dev.schemagate.decoder.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingTextTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCharacterSplitAcrossTokensWaitsForItsLastByte() {
        StreamingText text = new StreamingText(List.of());
        byte[] euro = utf8("€"); // three bytes
        assertEquals("a", text.add(new byte[] {'a', euro[0]}));
        assertEquals("", text.add(new byte[] {euro[1]}));
        assertEquals("€b", text.add(new byte[] {euro[2], 'b'}));
        assertEquals("", text.finish());
        assertEquals("a€b", text.text());
    }

    @Test
    void textThatMayStartAStopStringIsHeldThenCut() {
        StreamingText text = new StreamingText(List.of("END"));
        assertEquals("hello ", text.add(utf8("hello E")));
        assertEquals("", text.add(utf8("N")));
        assertEquals("", text.add(utf8("D and more")));
        assertTrue(text.stopped());
        assertEquals("hello ", text.text());
        assertEquals("", text.finish());
    }

    @Test
    void afterIgnoreStopsHeldTextIsReleasedAndNothingStops() {
        StreamingText text = new StreamingText(List.of("END"));
        assertEquals("call ", text.add(utf8("call EN")));
        text.ignoreStops();
        assertEquals("END here END", text.add(utf8("D here END")));
        assertFalse(text.stopped());
        assertEquals("call END here END", text.text());
    }

    @Test
    void heldTextIsReleasedWhenItTurnsOutNotToBeAStop() {
        StreamingText text = new StreamingText(List.of("END"));
        StringBuilder out = new StringBuilder();
        out.append(text.add(utf8("x EN")));
        out.append(text.add(utf8("Dless"))).append(text.finish());
        assertTrue(text.stopped());
        assertEquals("x ", out.toString());

        StreamingText other = new StreamingText(List.of("END"));
        String streamed = other.add(utf8("EN")) + other.add(utf8("TER")) + other.finish();
        assertEquals("ENTER", streamed);
    }

    @Test
    void theEarliestOfSeveralStopsWins() {
        StreamingText text = new StreamingText(List.of("bb", "a"));
        text.add(utf8("xxbba"));
        assertEquals("xx", text.text());
    }
}
