package dev.schemagate.schemas.text;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a language over decoded string content (code points) to the language of its JSON spellings (bytes
 * between the quotes), element-wise, so that a decoded string is in L exactly when its spelling is in
 * {@code content(L)}.
 *
 * <p>Spelling policy (what {@code json.dumps} emits, plus the short escape of {@code /}): every code point
 * from U+0020 up is written raw as UTF-8, except {@code "} and {@code \} which are always escaped
 * ({@code \"}, {@code \\}); {@code /} may be raw or {@code \/}; control characters below U+0020 are written
 * as {@code \b \f \n \r \t} where one exists, or as <code>&#92;u00XX</code> with hex digits of either case. No other
 * <code>&#92;u</code> escape is accepted, and surrogates (U+D800..U+DFFF) never occur, so each decoded string has
 * a finite set of spellings and concatenation, union, intersection and complement all commute with the map.
 */
public final class JsonStringLanguage {
    private static final CodePointSet CONTROLS = CodePointSet.range(0, 0x1F);
    private static final CodePointSet SURROGATES = CodePointSet.range(0xD800, 0xDFFF);
    private static final CodePointSet RAW =
            CodePointSet.ALL.minus(CONTROLS).minus(SURROGATES).minus(CodePointSet.chars("\"\\"));
    /** Any one JSON string character, spelled in any accepted way. */
    public static final Expr ANY_CHAR = charClass(CodePointSet.ALL);
    /** Any string content. */
    public static final Expr ANY_CONTENT = Expr.star(ANY_CHAR);

    private JsonStringLanguage() {}

    /** The spellings of the strings of {@code codePoints} (a regular expression without Ref/Token). */
    public static Expr content(Expr codePoints) {
        return switch (codePoints) {
            case Expr.Nothing n -> n;
            case Expr.Empty e -> e;
            case Expr.Literal l -> literal(l.text());
            case Expr.CharClass c -> charClass(c.set());
            case Expr.Seq s -> Expr.seq(s.items().stream().map(JsonStringLanguage::content).toList());
            case Expr.Alt a -> Expr.alt(a.options().stream().map(JsonStringLanguage::content).toList());
            case Expr.Repeat r -> Expr.repeat(content(r.body()), r.min(), r.max());
            case Expr.And a -> new Expr.And(a.parts().stream().map(JsonStringLanguage::content).toList());
            // complement relative to well-formed spellings, not to all byte strings
            case Expr.Not n -> Expr.and(ANY_CONTENT, Expr.not(content(n.body())));
            case Expr.Ref r -> throw new IllegalArgumentException("rule reference inside a string language");
            case Expr.Token t -> throw new IllegalArgumentException("token inside a string language");
        };
    }

    /** The spellings of exactly this string. */
    public static Expr literal(String text) {
        List<Expr> parts = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (RAW.contains(cp) && cp != '/') {
                raw.appendCodePoint(cp);
                continue;
            }
            if (!raw.isEmpty()) {
                parts.add(Expr.lit(raw.toString()));
                raw.setLength(0);
            }
            parts.add(charClass(CodePointSet.of(cp)));
        }
        if (!raw.isEmpty()) parts.add(Expr.lit(raw.toString()));
        return parts.isEmpty() ? Expr.empty() : Expr.seq(parts);
    }

    /** A whole quoted JSON string whose content is in {@code codePoints}. */
    public static Expr quoted(Expr codePoints) {
        return Expr.seq(Expr.lit("\""), content(codePoints), Expr.lit("\""));
    }

    private static Expr charClass(CodePointSet set) {
        List<Expr> options = new ArrayList<>();
        CodePointSet raw = set.intersect(RAW);
        if (!raw.isEmpty()) options.add(Expr.cls(raw));
        if (set.contains('"')) options.add(Expr.lit("\\\""));
        if (set.contains('\\')) options.add(Expr.lit("\\\\"));
        if (set.contains('/')) options.add(Expr.lit("\\/"));
        CodePointSet controls = set.intersect(CONTROLS);
        if (controls.equals(CONTROLS)) {
            options.add(Expr.seq(Expr.lit("\\"), Expr.cls(CodePointSet.chars("bfnrt"))));
            options.add(Expr.seq(Expr.lit("\\u00"), Expr.cls(CodePointSet.chars("01")), hexDigit(-1)));
        } else {
            for (int r = 0; r < controls.rangeCount(); r++) {
                for (int cp = controls.lo(r); cp <= controls.hi(r); cp++) options.add(control(cp));
            }
        }
        return options.isEmpty() ? Expr.nothing() : Expr.alt(options);
    }

    private static Expr control(int cp) {
        Expr unicode = Expr.seq(Expr.lit("\\u00" + (cp >> 4)), hexDigit(cp & 0xF));
        String shortForm = switch (cp) {
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
        return shortForm == null ? unicode : Expr.alt(Expr.lit(shortForm), unicode);
    }

    /** One hex digit of value {@code v} in either case, or any hex digit when {@code v} is negative. */
    private static Expr hexDigit(int v) {
        if (v < 0) return Expr.cls(CodePointSet.chars("0123456789abcdefABCDEF"));
        String lower = Integer.toHexString(v);
        return Expr.cls(CodePointSet.chars(lower + lower.toUpperCase()));
    }
}
