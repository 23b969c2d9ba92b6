package dev.schemagate.decoder.generate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns token bytes into text as it becomes final: a character split across tokens waits for its last byte,
 * and text that could be the start of a stop string waits until it is known not to be one.
 */
public final class StreamingText {
    private List<String> stops;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private String text = "";
    private int released;
    private boolean stopped;

    public StreamingText(List<String> stops) {
        this.stops = stops;
    }

    /** From now on no stop string ends the text (text held back for one is released with the next token). */
    public void ignoreStops() {
        stops = List.of();
    }

    /** Adds a token's bytes; returns the text that became final (possibly empty). */
    public String add(byte[] tokenBytes) {
        if (stopped) return "";
        bytes.write(tokenBytes, 0, tokenBytes.length);
        byte[] all = bytes.toByteArray();
        text = new String(all, 0, completeLength(all), StandardCharsets.UTF_8);
        int stopAt = firstStop();
        if (stopAt >= 0) {
            stopped = true;
            text = text.substring(0, stopAt);
            return release(stopAt);
        }
        return release(text.length() - heldForStops());
    }

    /** The rest once generation ends (a dangling partial character is dropped as U+FFFD). */
    public String finish() {
        if (!stopped) {
            text = bytes.toString(StandardCharsets.UTF_8);
        }
        return release(text.length());
    }

    public boolean stopped() {
        return stopped;
    }

    public String text() {
        return text;
    }

    private String release(int upTo) {
        if (upTo <= released) return "";
        String delta = text.substring(released, upTo);
        released = upTo;
        return delta;
    }

    private int firstStop() {
        int best = -1;
        for (String stop : stops) {
            int from = Math.max(0, released - stop.length());
            int at = text.indexOf(stop, from);
            if (at >= 0 && (best < 0 || at < best)) best = at;
        }
        return best;
    }

    /** Length of the longest end of the text that is a proper prefix of some stop string. */
    private int heldForStops() {
        int held = 0;
        for (String stop : stops) {
            for (int k = Math.min(stop.length() - 1, text.length()); k > held; k--) {
                if (text.regionMatches(text.length() - k, stop, 0, k)) {
                    held = k;
                    break;
                }
            }
        }
        return held;
    }

    /** Bytes up to the last complete UTF-8 character. */
    private static int completeLength(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int lead = b[n - back] & 0xFF;
            if ((lead & 0xC0) == 0x80) continue;
            int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
