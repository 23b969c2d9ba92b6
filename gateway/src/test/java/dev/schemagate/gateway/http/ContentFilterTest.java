package dev.schemagate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentFilterTest {
    @Test
    void textBeforeACallIsSentAndTheCallIsHeldBack() {
        ContentFilter f = new ContentFilter(true);
        StringBuilder sent = new StringBuilder();
        for (String delta : new String[] {"Let me ", "check. <", "tool", "_call>\n{\"name\"", ": \"x\"}"}) sent.append(f.add(delta));
        sent.append(f.flush());
        assertEquals("Let me check. ", sent.toString());
    }

    @Test
    void aTailThatOnlyLookedLikeATagIsReleased() {
        ContentFilter f = new ContentFilter(true);
        assertEquals("a ", f.add("a <to"));
        assertEquals("<tox", f.add("x"));
        assertEquals("", f.add("<tool_c"));
        assertEquals("<tool_c", f.flush());
    }

    @Test
    void withoutToolsEverythingPassesAtOnce() {
        ContentFilter f = new ContentFilter(false);
        assertEquals("<tool_call>", f.add("<tool_call>"));
    }
}
