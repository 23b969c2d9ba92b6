package dev.schemagate.grammar.gbnf;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import dev.schemagate.grammar.frontend.SourcePos;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/** The contents of GBNF string literals and character classes, with llama.cpp's escapes. */
final class GbnfText {
    private final Token token;
    private final String text;
    private int pos;

    private GbnfText(Token token) {
        this.token = token;
        this.text = token.getText();
    }

    /** The characters of a {@code "..."} literal. */
    static String string(Token t) {
        GbnfText r = new GbnfText(t);
        r.pos = 1;
        StringBuilder out = new StringBuilder();
        while (r.pos < r.text.length() - 1) out.appendCodePoint(r.character());
        return out.toString();
    }

    /** The set of a {@code [...]} class, {@code [^...]} negated; {@code a-z} is a range. */
    static CodePointSet charClass(Token t) {
        GbnfText r = new GbnfText(t);
        r.pos = 1;
        boolean negated = r.text.startsWith("^", 1);
        if (negated) r.pos++;
        int end = r.text.length() - 1;
        List<Integer> ranges = new ArrayList<>();
        while (r.pos < end) {
            int lo = r.character();
            int hi = lo;
            if (r.pos < end - 1 && r.text.charAt(r.pos) == '-') {
                int dashAt = r.pos;
                r.pos++;
                hi = r.character();
                if (hi < lo) throw r.errorAt(dashAt, "range " + show(lo) + "-" + show(hi) + " is out of order");
            }
            ranges.add(lo);
            ranges.add(hi);
        }
        CodePointSet set = CodePointSet.ofRanges(ranges.stream().mapToInt(Integer::intValue).toArray());
        return negated ? set.complement() : set;
    }

    private int character() {
        int c = text.codePointAt(pos);
        if (c != '\\') {
            pos += Character.charCount(c);
            return c;
        }
        int at = pos;
        char kind = text.charAt(pos + 1);
        pos += 2;
        return switch (kind) {
            case 'x' -> hex(at, 2);
            case 'u' -> hex(at, 4);
            case 'U' -> hex(at, 8);
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'n' -> '\n';
            case '\\', '"', '[', ']' -> kind;
            default -> throw errorAt(at, "unknown escape \\" + kind + " (known: \\x \\u \\U \\t \\r \\n \\\\ \\\" \\[ \\])");
        };
    }

    private int hex(int escapeAt, int digits) {
        long v = 0;
        for (int i = 0; i < digits; i++) {
            int d = pos < text.length() ? Character.digit(text.charAt(pos), 16) : -1;
            if (d < 0) throw errorAt(escapeAt, "escape " + text.substring(escapeAt, Math.min(pos, text.length()))
                    + " needs " + digits + " hex digits");
            v = v * 16 + d;
            pos++;
        }
        if (v > CodePointSet.MAX || (v >= 0xD800 && v <= 0xDFFF)) {
            throw errorAt(escapeAt, "escape " + text.substring(escapeAt, pos) + " is not a Unicode scalar value");
        }
        return (int) v;
    }

    private InvalidGrammarException errorAt(int offset, String message) {
        int line = token.getLine(), column = token.getCharPositionInLine() + 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourcePos(line, column).error(null, message);
    }

    private static String show(int cp) {
        return cp >= 0x20 && cp < 0x7F ? Character.toString(cp) : String.format("\\u%04X", cp);
    }
}
