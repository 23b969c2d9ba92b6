package dev.schemagate.grammar.regex;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for test data (the grammar module has no JSON dependency): objects become
 * LinkedHashMaps, arrays Lists, numbers BigDecimals, and strings, booleans and null themselves.
 */
final class JsonValueReader {
    private final String text;
    private int pos;

    private JsonValueReader(String text) {
        this.text = text;
    }

    static Object read(String text) {
        JsonValueReader r = new JsonValueReader(text);
        Object v = r.value();
        r.skipSpace();
        if (r.pos != text.length()) throw r.error("end of input");
        return v;
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (text.charAt(pos) == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            out.put(key, value());
            skipSpace();
            if (text.charAt(pos++) == '}') return out;
            if (text.charAt(pos - 1) != ',') throw error("',' or '}'");
        }
    }

    private List<Object> array() {
        List<Object> out = new ArrayList<>();
        pos++;
        skipSpace();
        if (text.charAt(pos) == ']') {
            pos++;
            return out;
        }
        while (true) {
            out.add(value());
            skipSpace();
            if (text.charAt(pos++) == ']') return out;
            if (text.charAt(pos - 1) != ',') throw error("',' or ']'");
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) pos++;
        if (start == pos) throw error("a JSON value");
        return new BigDecimal(text.substring(start, pos));
    }

    private Object word(String w, Object v) {
        if (!text.startsWith(w, pos)) throw error(w);
        pos += w.length();
        return v;
    }

    private void expect(char c) {
        if (text.charAt(pos) != c) throw error("'" + c + "'");
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) pos++;
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("bad JSON at " + pos + ": expected " + expected);
    }
}
