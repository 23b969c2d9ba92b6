package dev.schemagate.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlAllowListTest {
    private final UrlAllowList loopback = UrlAllowList.loopbackOnly();

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:3001/mcp",
            "https://127.200.3.4/mcp?session=1",
            "http://localhost:8000/mcp",
            "HTTP://LOCALHOST/mcp",
            "http://[::1]:3001/mcp",
            "http://2130706433/mcp",            // Java reads a lone number as an IPv4 address: this is 127.0.0.1
            "http://[::ffff:127.0.0.1]:3001/",  // IPv4-mapped: Java connects to 127.0.0.1
    })
    void loopbackAddressesPass(String url) {
        assertDoesNotThrow(() -> loopback.check(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://10.0.0.1/mcp                      | 10.0.0.1 is outside",
            "http://192.168.1.20:8080/mcp             | 192.168.1.20 is outside",
            "http://169.254.169.254/latest/meta-data  | 169.254.169.254 is outside",
            "http://[::ffff:10.0.0.1]/mcp             | 10.0.0.1 is outside",
            "http://167772161/mcp                     | 10.0.0.1 is outside",
            "http://0177.0.0.1/mcp                    | 177.0.0.1 is outside",
            "http://[::127.0.0.1]/mcp                 | is outside",
            "http://[fd00::5]/mcp                     | is outside",
            "http://0.0.0.0:3001/mcp                  | unspecified address",
            "http://0/mcp                             | unspecified address",
            "http://[::]:3001/mcp                     | unspecified address",
            "http://127.0.0.1@10.0.0.1/mcp            | user info",
            "http://user:secret@127.0.0.1/mcp         | user info",
            "http://127.1/mcp                         | no host name",
            "ftp://127.0.0.1/mcp                      | only http and https",
            "file:///etc/passwd                       | only http and https",
            "/mcp                                     | only http and https",
            "http://127.0.0.1:3001/a b                | not a valid URL",
            "http://localhost.invalid/mcp             | does not resolve",
    })
    void everythingElseIsRefusedWithTheReason(String url, String reason) {
        DisallowedUrlException refused = assertThrows(DisallowedUrlException.class, () -> loopback.check(url));
        assertTrue(refused.getMessage().contains(reason) && refused.getMessage().contains(url), refused.getMessage());
    }

    @Test
    void blocksMatchWholeAndPartialBytesOfTheirPrefix() {
        UrlAllowList list = UrlAllowList.of(List.of("10.16.0.0/12", "192.168.7.0/24", "fd00::/8", "203.0.113.9"));
        for (String url : List.of("http://10.16.0.1/", "http://10.31.255.255/", "http://192.168.7.200/", "http://[fd12:3456::1]/", "http://203.0.113.9/")) {
            assertDoesNotThrow(() -> list.check(url), url);
        }
        for (String url : List.of("http://10.15.255.255/", "http://10.32.0.0/", "http://192.168.8.1/", "http://[fe80::1]/", "http://203.0.113.10/", "http://127.0.0.1/")) {
            assertThrows(DisallowedUrlException.class, () -> list.check(url), url);
        }
    }

    @Test
    void hostNamesMatchExactlyWithoutResolving() {
        UrlAllowList list = UrlAllowList.of(List.of("mcp.internal"));
        assertDoesNotThrow(() -> list.check("http://mcp.internal:9000/mcp"));
        assertDoesNotThrow(() -> list.check("https://MCP.Internal/mcp"));
        assertThrows(DisallowedUrlException.class, () -> list.check("http://evil.mcp.internal/mcp"));
        assertThrows(DisallowedUrlException.class, () -> list.check("http://mcp.internal.evil.example/mcp"));
    }

    @Test
    void allowingEverythingStillRefusesTheUnspecifiedAddress() {
        UrlAllowList all = UrlAllowList.of(List.of("0.0.0.0/0", "::/0"));
        assertDoesNotThrow(() -> all.check("http://10.0.0.1/mcp"));
        assertDoesNotThrow(() -> all.check("http://[2001:db8::1]/mcp"));
        assertThrows(DisallowedUrlException.class, () -> all.check("http://0.0.0.0/mcp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::1/129", "10.0.0.1/8", "10.0.0.0/x", "999.1.1.1", "10.1", "::ffff:10.0.0.0/104", "not a host!", "-bad-.example"})
    void badEntriesAreRejected(String entry) {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> UrlAllowList.of(List.of(entry)));
        assertTrue(bad.getMessage().contains(entry), bad.getMessage());
    }
}
