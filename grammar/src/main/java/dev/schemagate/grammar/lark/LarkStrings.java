package dev.schemagate.grammar.lark;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import dev.schemagate.grammar.frontend.SourcePos;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/** Lark string literals: Python escapes, and the {@code i} suffix for case-insensitive matching. */
final class LarkStrings {
    private LarkStrings() {}

    /** The language of a {@code "..."} or {@code "..."i} token. */
    static Expr literal(Token t) {
        String raw = t.getText();
        boolean ignoreCase = raw.endsWith("i");
        String text = decode(t, raw.substring(1, raw.length() - (ignoreCase ? 2 : 1)));
        if (!ignoreCase) return Expr.lit(text);
        List<Expr> chars = new ArrayList<>();
        text.codePoints().forEach(cp -> chars.add(Expr.cls(CodePointSet.ofRanges(cp, cp,
                Character.toLowerCase(cp), Character.toLowerCase(cp), Character.toUpperCase(cp), Character.toUpperCase(cp),
                Character.toTitleCase(cp), Character.toTitleCase(cp)))));
        return chars.isEmpty() ? Expr.empty() : Expr.seq(chars);
    }

    /** The single character of a range end {@code "a"} in {@code "a".."z"}. */
    static int rangeEnd(Token t) {
        String raw = t.getText();
        if (raw.endsWith("i")) throw at(t, "a range end cannot be case-insensitive");
        String text = decode(t, raw.substring(1, raw.length() - 1));
        if (text.codePointCount(0, text.length()) != 1) throw at(t, "a range end must be one character, not " + raw);
        return text.codePointAt(0);
    }

    private static String decode(Token t, String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000B');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case '0' -> out.append('\0');
                case '\\', '"', '\'' -> out.append(e);
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits >= body.length()) throw at(t, "\\" + e + " needs " + digits + " hex digits");
                    String hex = body.substring(i + 1, i + 1 + digits);
                    if (!hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                        throw at(t, "\\" + e + " needs " + digits + " hex digits, not " + hex);
                    }
                    long cp = Long.parseLong(hex, 16);
                    if (cp < 0 || cp > CodePointSet.MAX || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        throw at(t, "\\" + e + hex + " is not a Unicode scalar value");
                    }
                    out.appendCodePoint((int) cp);
                    i += digits;
                }
                // Python keeps an unknown escape as written.
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }

    private static InvalidGrammarException at(Token t, String message) {
        return new SourcePos(t.getLine(), t.getCharPositionInLine() + 1).error(null, message);
    }
}
