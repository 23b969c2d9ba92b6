package dev.schemagate.decoder.chat;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Python's {@code strftime} directives (C locale) for the {@code strftime_now} function templates call. */
final class Strftime {
    private Strftime() {}

    static String format(String pattern, ZonedDateTime time) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i == pattern.length()) throw new ChatTemplateException("strftime format ends with a lone %: " + pattern);
            // %-d and friends (glibc): the number without padding.
            boolean unpadded = pattern.charAt(i) == '-' && i + 1 < pattern.length();
            if (unpadded) i++;
            char directive = pattern.charAt(i);
            out.append(switch (directive) {
                case 'Y' -> Integer.toString(time.getYear());
                case 'y' -> number(time.getYear() % 100, 2, unpadded);
                case 'm' -> number(time.getMonthValue(), 2, unpadded);
                case 'd' -> number(time.getDayOfMonth(), 2, unpadded);
                case 'e' -> unpadded ? Integer.toString(time.getDayOfMonth()) : String.format("%2d", time.getDayOfMonth());
                case 'j' -> number(time.getDayOfYear(), 3, unpadded);
                case 'H' -> number(time.getHour(), 2, unpadded);
                case 'I' -> number((time.getHour() + 11) % 12 + 1, 2, unpadded);
                case 'M' -> number(time.getMinute(), 2, unpadded);
                case 'S' -> number(time.getSecond(), 2, unpadded);
                case 'p' -> time.getHour() < 12 ? "AM" : "PM";
                case 'b', 'h' -> time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'B' -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'a' -> time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'A' -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'F' -> format("%Y-%m-%d", time);
                case 'T' -> format("%H:%M:%S", time);
                case 'z' -> time.getOffset().getId().equals("Z") ? "+0000" : time.getOffset().getId().replace(":", "");
                case 'Z' -> time.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case '%' -> "%";
                default -> throw new ChatTemplateException("strftime directive %" + directive + " is not supported: " + pattern);
            });
        }
        return out.toString();
    }

    private static String number(int value, int width, boolean unpadded) {
        return unpadded ? Integer.toString(value) : String.format("%0" + width + "d", value);
    }
}
