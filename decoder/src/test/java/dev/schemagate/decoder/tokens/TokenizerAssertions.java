package dev.schemagate.decoder.tokens;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.function.Executable;

final class TokenizerAssertions {
    private TokenizerAssertions() {}

    static void assertMessage(Class<? extends Throwable> type, Executable action, String part) {
        Throwable thrown = assertThrows(type, action);
        if (thrown.getMessage() == null || !thrown.getMessage().contains(part)) {
            fail("expected a message containing \"" + part + "\" but got: " + thrown.getMessage());
        }
    }
}
