package dev.schemagate.schemas.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormatCasesTest {
    private static Expr format(String name) {
        return Formats.forName(name).orElseThrow();
    }

    private static boolean isDate(int y, int m, int d) {
        try {
            LocalDate.of(y, m, d);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    @Test
    void datesAgreeWithJavaTimeIncludingCenturyLeapYears() {
        Expr date = format("date");
        for (int y : new int[] {0, 1, 4, 100, 400, 1582, 1900, 1996, 2000, 2020, 2021, 2100, 2400, 9996, 9999}) {
            for (int m = 0; m <= 13; m++) {
                for (int d = 0; d <= 32; d++) {
                    String s = String.format("%04d-%02d-%02d", y, m, d);
                    assertEquals(isDate(y, m, d), ReferenceRecognizer.matches(date, s), s);
                }
            }
        }
    }

    /** Second 60 is valid exactly when the time converted to UTC is 23:59 (java.time does the offset arithmetic). */
    @Test
    void leapSecondsOnlyAtUtc2359ForEveryOffset() {
        Expr time = format("time");
        Expr dateTime = format("date-time");
        LocalTime utc = LocalTime.of(23, 59);
        for (int sign : new int[] {1, -1}) {
            for (int offsetMinutes = 0; offsetMinutes < 24 * 60; offsetMinutes++) {
                String offset = String.format("%s%02d:%02d", sign > 0 ? "+" : "-", offsetMinutes / 60, offsetMinutes % 60);
                LocalTime local = utc.plusMinutes((long) sign * offsetMinutes);
                String valid = String.format("%02d:%02d:60%s", local.getHour(), local.getMinute(), offset);
                assertTrue(ReferenceRecognizer.matches(time, valid), valid);
                LocalTime wrong = local.plusMinutes(offsetMinutes % 7 == 0 ? 60 : 1);
                String invalid = String.format("%02d:%02d:60.5%s", wrong.getHour(), wrong.getMinute(), offset);
                assertFalse(ReferenceRecognizer.matches(time, invalid), invalid);
            }
        }
        assertTrue(ReferenceRecognizer.matches(dateTime, "2016-12-31t23:59:60.000z"));
        assertTrue(ReferenceRecognizer.matches(dateTime, "2016-12-31T05:59:60-18:00"));
        assertFalse(ReferenceRecognizer.matches(dateTime, "2016-12-31T23:59:60.000+00:01"));
        // Valid by RFC 3339 (UTC is 2016-12-31T23:59:60), but networknt wants the leap day itself in the text.
        assertFalse(ReferenceRecognizer.matches(dateTime, "2017-01-01T00:00:60.000+00:01"));
        assertFalse(ReferenceRecognizer.matches(dateTime, "2020-06-30T23:59:60Z"), "no leap second that day");
        assertFalse(ReferenceRecognizer.matches(time, "23:59:59.Z"));
    }

    /** Narrowed to networknt: nine fraction digits at most; date-time offsets within ±18:00, not -00:00. */
    @Test
    void fractionsAndOffsetsWithinJavaTime() {
        Expr time = format("time");
        Expr dateTime = format("date-time");
        assertTrue(ReferenceRecognizer.matches(time, "12:00:00.123456789Z"));
        assertFalse(ReferenceRecognizer.matches(time, "12:00:00.1234567890Z"));
        assertTrue(ReferenceRecognizer.matches(time, "12:00:00+23:59"));
        assertTrue(ReferenceRecognizer.matches(dateTime, "2020-01-01T12:00:00.123456789+18:00"));
        assertTrue(ReferenceRecognizer.matches(dateTime, "2020-01-01T12:00:00-00:01"));
        assertFalse(ReferenceRecognizer.matches(dateTime, "2020-01-01T12:00:00.1234567890Z"));
        assertFalse(ReferenceRecognizer.matches(dateTime, "2020-01-01T12:00:00+18:01"));
        assertFalse(ReferenceRecognizer.matches(dateTime, "2020-01-01T12:00:00-00:00"));
    }

    /** An independent host-name check: RFC 1123 labels, 253 characters, no "--" at label positions 3-4. */
    private static boolean isHostname(String s) {
        if (s.isEmpty() || s.length() > 253) return false;
        for (String label : s.split("\\.", -1)) {
            if (!label.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) return false;
            if (label.length() >= 4 && label.startsWith("--", 2)) return false;
        }
        return true;
    }

    @Test
    void hostnamesAgreeWithAnIndependentChecker() {
        Expr hostname = NetworkFormats.HOSTNAME; // the host-name rule email domains use
        Random rnd = new Random(7);
        String alphabet = "aZ9-.";
        for (int i = 0; i < 4000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rnd.nextInt(9);
            for (int k = 0; k < n; k++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            String s = sb.toString();
            assertEquals(isHostname(s), ReferenceRecognizer.matches(hostname, s), s);
        }
        String label63 = "a".repeat(63);
        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertEquals(253, name253.length());
        assertTrue(ReferenceRecognizer.matches(hostname, name253));
        assertFalse(ReferenceRecognizer.matches(hostname, name253 + "a"));
        assertFalse(ReferenceRecognizer.matches(hostname, "a".repeat(64)));
        assertFalse(ReferenceRecognizer.matches(hostname, "xn--9n2bp8q"), "A-labels are refused");
        assertTrue(ReferenceRecognizer.matches(hostname, "a--b-c.example"));
    }

    @Test
    void ipAddresses() {
        Expr ipv4 = format("ipv4");
        for (int v = 0; v < 1000; v++) {
            for (String spelled : List.of(String.valueOf(v), String.format("%02d", v), String.format("%03d", v))) {
                boolean canonical = spelled.equals(String.valueOf(v));
                String s = "10." + spelled + ".0.1";
                assertEquals(canonical && v <= 255, ReferenceRecognizer.matches(ipv4, s), s);
            }
        }
        Expr ipv6 = format("ipv6");
        for (String s : List.of("::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6::8", "1::8", "::2:3:4:5:6:7:8",
                "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "abcd:EF01::", "1:2:3:4:5::1.2.3.4")) {
            assertTrue(ReferenceRecognizer.matches(ipv6, s), s);
        }
        for (String s : List.of(":", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "::1.2.3", "1::2::3", "12345::",
                "1:2:3:4:5:6:7:1.2.3.4", "::01.2.3.4", "g::")) {
            assertFalse(ReferenceRecognizer.matches(ipv6, s), s);
        }
    }

    @Test
    void emailsUrisAndPointers() {
        Expr email = format("email");
        assertTrue(ReferenceRecognizer.matches(email, "\"a\\\"b\"@example.com"));
        assertTrue(ReferenceRecognizer.matches(email, "x@[IPv6:2001:db8::1]"));
        assertFalse(ReferenceRecognizer.matches(email, "x@[ipv6:2001:db8::1]"), "networknt wants the tag as written");
        assertFalse(ReferenceRecognizer.matches(email, "a.@b.c"));
        assertFalse(ReferenceRecognizer.matches(email, "a@b..c"));
        // The 64-character local part by shape: three atoms of at most 20 characters.
        String local = "a".repeat(20) + "." + "b".repeat(20) + "." + "c".repeat(20);
        assertTrue(ReferenceRecognizer.matches(email, local + "@Mail.Example.COM"));
        assertFalse(ReferenceRecognizer.matches(email, local + ".d@example.com"));
        assertFalse(ReferenceRecognizer.matches(email, "a".repeat(21) + "@example.com"));
        assertTrue(ReferenceRecognizer.matches(email, "\"" + "\\\"".repeat(31) + "\"@example.com"), "64 characters quoted");
        assertFalse(ReferenceRecognizer.matches(email, "\"" + "x".repeat(32) + "\"@example.com"));
        assertTrue(ReferenceRecognizer.matches(email, "a@b.c.d.co"));
        assertFalse(ReferenceRecognizer.matches(email, "a@b.c.d.e.co"), "at most three labels before the top-level domain");
        assertTrue(ReferenceRecognizer.matches(email, "a@localhost"));
        assertTrue(ReferenceRecognizer.matches(email, "a@b.xn--p1ai"));
        assertFalse(ReferenceRecognizer.matches(email, "a@example.c123"), "no such top-level domain");
        assertFalse(ReferenceRecognizer.matches(email, "a@example.comx"), "no such top-level domain");
        Expr uri = format("uri");
        assertTrue(ReferenceRecognizer.matches(uri, "a+b-c.d:"));
        assertTrue(ReferenceRecognizer.matches(uri, "a:?q#f"));
        assertFalse(ReferenceRecognizer.matches(uri, "a:#f"), "java.net.URI wants something before the fragment");
        assertTrue(ReferenceRecognizer.matches(uri, "http://user:pw@[::1]:8080/a/./b?c=%2F#"));
        assertFalse(ReferenceRecognizer.matches(uri, "http://[v7.x:y]/"), "java.net.URI refuses IPvFuture");
        assertFalse(ReferenceRecognizer.matches(uri, "http://a b"));
        Expr iri = format("iri");
        assertFalse(ReferenceRecognizer.matches(iri, "http://example.com/\uE000"), "private use only in the query");
        assertTrue(ReferenceRecognizer.matches(iri, "http://example.com/?\uE000"));
        assertFalse(ReferenceRecognizer.matches(iri, "http://example.com/a\u3000b"), "java.net.URI refuses Unicode spaces");
        Expr pointer = format("json-pointer");
        assertTrue(ReferenceRecognizer.matches(pointer, "/a~0b/~1/\uD83D\uDE00"));
        assertFalse(ReferenceRecognizer.matches(pointer, "/a~"));
        assertFalse(ReferenceRecognizer.matches(pointer, "/a#b"), "networknt refuses '#'");
        Expr relative = format("relative-json-pointer");
        assertTrue(ReferenceRecognizer.matches(relative, "10#"));
        assertFalse(ReferenceRecognizer.matches(relative, "#"));
        Expr template = format("uri-template");
        assertTrue(ReferenceRecognizer.matches(template, "/search{?q,lang:2}{&page*}"));
        assertFalse(ReferenceRecognizer.matches(template, "{=reserved}"));
        assertTrue(ReferenceRecognizer.matches(format("duration"), "P1Y2M3DT4H5M6S"));
        assertTrue(ReferenceRecognizer.matches(format("uuid"), "00000000-0000-0000-0000-00000000000A"));
    }

    @Test
    void unknownFormatsAreAnnotationsAndUnenforceableOnesAreRefused() {
        assertEquals(Optional.empty(), Formats.forName("x-custom"));
        assertEquals(Optional.empty(), Formats.forName("color"));
        for (String name : List.of("regex", "idn-email", "idn-hostname", "hostname")) {
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> Formats.forName(name));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void formatLanguagesAreRegular() {
        for (String name : List.of("date-time", "date", "time", "duration", "email", "ipv4", "ipv6", "uuid",
                "uri", "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer", "relative-json-pointer")) {
            assertTrue(isRegular(format(name)), name);
        }
    }

    private static boolean isRegular(Expr e) {
        return switch (e) {
            case Expr.Ref r -> false;
            case Expr.Token t -> false;
            case Expr.Not n -> false;
            case Expr.Seq s -> s.items().stream().allMatch(FormatCasesTest::isRegular);
            case Expr.Alt a -> a.options().stream().allMatch(FormatCasesTest::isRegular);
            case Expr.And a -> a.parts().stream().allMatch(FormatCasesTest::isRegular);
            case Expr.Repeat r -> isRegular(r.body());
            default -> true;
        };
    }

}
