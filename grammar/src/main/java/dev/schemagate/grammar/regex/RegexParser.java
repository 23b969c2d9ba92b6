package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of ECMA-262 patterns straight into {@link BoundaryLanguage}s. It reads code
 * points as the {@code u} flag does (a surrogate pair is one character; braced code point escapes and
 * property escapes exist) and keeps the Annex B leniencies real schemas rely on: a lone ']', '{' or '}' is a
 * literal, a non-alphanumeric escaped character stands for itself, and a class escape in a range
 * ({@code [\w-.]}) means the escape's set plus '-' and the other end.
 */
final class RegexParser {
    static final CodePointSet DIGIT = CodePointSet.range('0', '9');
    static final CodePointSet WORD = CodePointSet.ofRanges('a', 'z', 'A', 'Z', '0', '9', '_', '_');
    /** ECMA WhiteSpace (TAB VT FF ZWNBSP and category Zs) plus LineTerminator (LF CR LS PS). */
    static final CodePointSet SPACE = CodePointSet.ofRanges(
            '\t', '\r', ' ', ' ', 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A, 0x2028, 0x2029, 0x202F, 0x202F,
            0x205F, 0x205F, 0x3000, 0x3000, 0xFEFF, 0xFEFF);
    static final CodePointSet DOT = CodePointSet.chars("\n\r\u2028\u2029").complement();
    static final CodePointSet PYTHON_DOT = CodePointSet.of('\n').complement();

    private final String pattern;
    private final int[] cps;
    private final RegexDialect dialect;
    private int pos;

    private RegexParser(String pattern, RegexDialect dialect) {
        this.pattern = pattern;
        this.cps = pattern.codePoints().toArray();
        this.dialect = dialect;
    }

    static BoundaryLanguage parse(String pattern) {
        return parse(pattern, RegexDialect.ECMA);
    }

    static BoundaryLanguage parse(String pattern, RegexDialect dialect) {
        RegexParser p = new RegexParser(pattern, dialect);
        BoundaryLanguage result = p.disjunction();
        if (p.pos < p.cps.length) throw p.syntax("end of pattern (unmatched ')')");
        return result;
    }

    private BoundaryLanguage disjunction() {
        List<BoundaryLanguage> options = new ArrayList<>();
        options.add(alternative());
        while (eat('|')) options.add(alternative());
        return BoundaryLanguage.alt(options);
    }

    private BoundaryLanguage alternative() {
        BoundaryLanguage acc = BoundaryLanguage.EMPTY;
        while (pos < cps.length && peek() != '|' && peek() != ')') acc = BoundaryLanguage.seq(acc, term());
        return acc;
    }

    private BoundaryLanguage term() {
        BoundaryLanguage assertion = assertion();
        if (assertion != null) {
            if (quantifierAhead()) throw syntax("no quantifier after an assertion");
            return assertion;
        }
        BoundaryLanguage atom = atom();
        if (!quantifierAhead()) return atom;
        int min, max;
        int quantifierAt = pos;
        int q = next();
        switch (q) {
            case '*' -> { min = 0; max = Expr.UNBOUNDED; }
            case '+' -> { min = 1; max = Expr.UNBOUNDED; }
            case '?' -> { min = 0; max = 1; }
            default -> {
                min = peek() == ',' ? 0 : count(quantifierAt);
                max = eat(',') ? (peek() == '}' ? Expr.UNBOUNDED : count(quantifierAt)) : min;
                expect('}', "'}'");
                if (max != Expr.UNBOUNDED && max < min) {
                    pos = quantifierAt;
                    throw syntax("numbers in order in {min,max}");
                }
            }
        }
        eat('?'); // lazy quantifiers match the same language
        if (dialect.python() && peek() == '+') throw unsupported(pos, "possessive quantifier");
        return BoundaryLanguage.repeat(atom, min, max);
    }

    /** ^, $, or null; refuses the assertions whose language is not expressible here. */
    private BoundaryLanguage assertion() {
        if (eat('^')) return BoundaryLanguage.START;
        if (eat('$')) return BoundaryLanguage.END;
        if (dialect.python()) {
            if (lookingAt("\\A")) {
                pos += 2;
                return BoundaryLanguage.START;
            }
            if (lookingAt("\\Z") || lookingAt("\\z")) {
                pos += 2;
                return BoundaryLanguage.END;
            }
            if (lookingAt("(?>")) throw unsupported(pos, "atomic group");
        }
        if (lookingAt("\\b") || lookingAt("\\B")) {
            throw unsupported(pos, "word boundary assertion \\" + Character.toString(cps[pos + 1]));
        }
        if (lookingAt("(?=") || lookingAt("(?!")) throw unsupported(pos, "lookahead");
        if (lookingAt("(?<=") || lookingAt("(?<!")) throw unsupported(pos, "lookbehind");
        return null;
    }

    private boolean quantifierAhead() {
        if (pos >= cps.length) return false;
        int c = peek();
        return c == '*' || c == '+' || c == '?' || (c == '{' && bracedQuantifierAt(pos));
    }

    /** Annex B: '{' starts a quantifier only if {n}, {n,} or {n,m} follows; otherwise it is a literal. */
    private boolean bracedQuantifierAt(int i) {
        int j = i + 1;
        int digits = 0;
        while (j < cps.length && isDigit(cps[j])) { j++; digits++; }
        if (j < cps.length && cps[j] == ',') {
            j++;
            int maxDigits = 0;
            while (j < cps.length && isDigit(cps[j])) { j++; maxDigits++; }
            // Python reads {,n} as {0,n}; ECMA needs the minimum.
            if (digits == 0 && !(dialect.python() && maxDigits > 0)) return false;
        } else if (digits == 0) {
            return false;
        }
        return j < cps.length && cps[j] == '}';
    }

    private int count(int quantifiedAt) {
        long n = 0;
        while (pos < cps.length && isDigit(peek())) {
            n = Math.min(n * 10 + (next() - '0'), Long.MAX_VALUE / 20);
        }
        if (n > Integer.MAX_VALUE) throw unsupported(quantifiedAt, "repetition count above " + Integer.MAX_VALUE);
        return (int) n;
    }

    private BoundaryLanguage atom() {
        int c = peek();
        switch (c) {
            case '.' -> {
                pos++;
                return BoundaryLanguage.of(Expr.cls(dialect.dotAll() ? CodePointSet.ALL : dialect.python() ? PYTHON_DOT : DOT));
            }
            case '(' -> {
                return group();
            }
            case '[' -> {
                return BoundaryLanguage.of(Expr.cls(characterClass()));
            }
            case '\\' -> {
                pos++;
                return BoundaryLanguage.of(charOrSet(atomEscape().set()));
            }
            case '*', '+', '?' -> throw syntax("an atom before the quantifier '" + Character.toString(c) + "'");
            case '{' -> {
                if (bracedQuantifierAt(pos)) throw syntax("an atom before the quantifier '{'");
                pos++;
                return BoundaryLanguage.of(charOrSet(CodePointSet.of('{')));
            }
            default -> {
                pos++;
                return BoundaryLanguage.of(charOrSet(CodePointSet.of(c)));
            }
        }
    }

    private BoundaryLanguage group() {
        pos++;
        if (dialect.python() && lookingAt("?#")) {
            while (pos < cps.length && peek() != ')') pos++;
            expect(')', "')' closing the comment (?#...)");
            return BoundaryLanguage.EMPTY;
        }
        if (eat('?') && !eat(':')) {
            if (dialect.python() && lookingAt("P=")) throw unsupported(pos - 2, "backreference (?P=...)");
            if (dialect.python() && eat('\'')) {
                groupName('\'');
            } else {
                if (!eat('<') && !(dialect.python() && eat('P') && eat('<'))) throw badGroupPrefix();
                groupName('>');
            }
        }
        BoundaryLanguage inner = disjunction();
        expect(')', "')'");
        return inner;
    }

    /** After '(?' comes neither ':' nor '<': inline flags (valid ECMA, refused) or a syntax error. */
    private RuntimeException badGroupPrefix() {
        int at = pos;
        while (pos < cps.length && (Character.isLetter(peek()) || peek() == '-')) pos++;
        if (pos > at && pos < cps.length && (peek() == ':' || peek() == ')')) {
            return unsupported(at - 2, "inline flags (?" + pattern.substring(offset(at), offset(pos)) + ")");
        }
        pos = at;
        return syntax("':', '=', '!' or '<' after '(?'");
    }

    private void groupName(int close) {
        int at = pos;
        while (pos < cps.length && peek() != close) {
            int c = next();
            boolean ok = pos - 1 == at
                    ? Character.isUnicodeIdentifierStart(c) || c == '$' || c == '_'
                    : Character.isUnicodeIdentifierPart(c) || c == '$';
            if (!ok) {
                pos--;
                throw syntax("a group name character or '" + Character.toString(close) + "'");
            }
        }
        if (pos == at) throw syntax("a group name");
        expect(close, "'" + Character.toString(close) + "' after the group name");
    }

    private CodePointSet characterClass() {
        pos++;
        boolean negated = eat('^');
        CodePointSet set = CodePointSet.NONE;
        if (dialect.python() && eat(']')) set = CodePointSet.of(']'); // Python: a ']' first is a member
        while (true) {
            if (pos >= cps.length) throw syntax("']'");
            if (eat(']')) break;
            CodePointSet posix = dialect.python() ? posixClass() : null;
            if (posix != null) {
                set = set.union(posix);
                continue;
            }
            Escaped lo = classAtom();
            if (peek() == '-' && pos + 1 < cps.length && cps[pos + 1] != ']') {
                pos++;
                int hiAt = pos;
                Escaped hi = classAtom();
                if (lo.character() && hi.character()) {
                    if (lo.set().lo(0) > hi.set().lo(0)) {
                        pos = hiAt;
                        throw syntax("a range in order (" + lo.set() + " > " + hi.set() + ")");
                    }
                    set = set.union(CodePointSet.range(lo.set().lo(0), hi.set().lo(0)));
                } else {
                    set = set.union(lo.set()).union(hi.set()).union(CodePointSet.of('-'));
                }
            } else {
                set = set.union(lo.set());
            }
        }
        if (dialect.ignoreCase()) set = CaseFolding.close(set);
        return negated ? set.complement() : set;
    }

    /** A POSIX class {@code [:name:]} (PCRE) inside a bracket expression, or null. */
    private CodePointSet posixClass() {
        if (!lookingAt("[:")) return null;
        int end = pos + 2;
        while (end < cps.length && isAsciiLetter(cps[end])) end++;
        if (end + 1 >= cps.length || cps[end] != ':' || cps[end + 1] != ']') return null;
        String name = pattern.substring(offset(pos + 2), offset(end));
        CodePointSet set = switch (name) {
            case "alpha" -> CodePointSet.ofRanges('a', 'z', 'A', 'Z');
            case "digit" -> DIGIT;
            case "alnum" -> CodePointSet.ofRanges('a', 'z', 'A', 'Z', '0', '9');
            case "upper" -> CodePointSet.range('A', 'Z');
            case "lower" -> CodePointSet.range('a', 'z');
            case "space" -> CodePointSet.chars(" \t\n\r\f\u000B");
            case "blank" -> CodePointSet.chars(" \t");
            case "punct" -> CodePointSet.chars("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
            case "xdigit" -> CodePointSet.ofRanges('0', '9', 'a', 'f', 'A', 'F');
            case "word" -> WORD;
            case "cntrl" -> CodePointSet.ofRanges(0, 0x1F, 0x7F, 0x7F);
            case "print" -> CodePointSet.range(0x20, 0x7E);
            case "graph" -> CodePointSet.range(0x21, 0x7E);
            case "ascii" -> CodePointSet.range(0, 0x7F);
            default -> throw syntax("a POSIX class name ([:" + name + ":] is unknown)");
        };
        pos = end + 2;
        return set;
    }

    /** What an escape or class atom stands for; {@code character} false for class escapes like \d. */
    private record Escaped(CodePointSet set, boolean character) {
        static Escaped of(int cp) {
            return new Escaped(CodePointSet.of(cp), true);
        }
    }

    private Escaped classAtom() {
        int c = next();
        if (c != '\\') return Escaped.of(c);
        if (pos >= cps.length) throw syntax("an escape after '\\'");
        if (eat('b')) return Escaped.of('\b');
        if (eat('-')) return Escaped.of('-');
        if (peek() == 'B') throw syntax("a class escape (\\B is not allowed in a class)");
        if (peek() >= '1' && peek() <= '9') throw unsupported(pos - 1, "legacy octal escape");
        return atomEscape();
    }

    private Escaped atomEscape() {
        if (pos >= cps.length) throw syntax("an escape after '\\'");
        int at = pos - 1;
        int c = next();
        CodePointSet set = switch (c) {
            case 'd' -> DIGIT;
            case 'D' -> DIGIT.complement();
            case 'w' -> WORD;
            case 'W' -> WORD.complement();
            case 's' -> SPACE;
            case 'S' -> SPACE.complement();
            case 'p', 'P' -> property(c == 'P');
            default -> null;
        };
        if (set != null) return new Escaped(set, false);
        if (dialect.python()) {
            int cp = pythonEscape(c, at);
            if (cp >= 0) return Escaped.of(cp);
        }
        return Escaped.of(switch (c) {
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            case 'c' -> {
                if (pos >= cps.length || !isAsciiLetter(peek())) throw syntax("a letter after \\c");
                yield next() % 32;
            }
            case '0' -> {
                if (pos < cps.length && isDigit(peek())) throw unsupported(at, "legacy octal escape");
                yield 0;
            }
            case 'x' -> hex(2, "two hex digits after \\x");
            case 'u' -> unicodeEscape();
            case 'k' -> throw unsupported(at, "backreference \\k");
            default -> {
                if (c >= '1' && c <= '9') throw unsupported(at, "backreference \\" + Character.toString(c));
                if (isAsciiLetter(c) || isDigit(c)) {
                    pos = at;
                    throw syntax("a known escape (\\" + Character.toString(c) + " is not ECMA-262)");
                }
                yield c;
            }
        });
    }

    /** The Python/PCRE-only escapes: the code point, or -1 when {@code c} is not one of them. */
    private int pythonEscape(int c, int at) {
        switch (c) {
            case 'a':
                return 0x07;
            case 'e':
                return 0x1B;
            case 'U':
                return checkedCodePoint(hex(8, "eight hex digits after \\U"), at);
            case 'x':
                if (!eat('{')) return -1;
                int start = pos;
                long v = 0;
                while (pos < cps.length && hexValue(peek()) >= 0) v = Math.min(v * 16 + hexValue(next()), CodePointSet.MAX + 1L);
                if (pos == start) throw syntax("hex digits in \\x{...}");
                expect('}', "'}' closing \\x{");
                return checkedCodePoint(v, at);
            case 'N':
                expect('{', "'{' after \\N");
                int nameAt = pos;
                while (pos < cps.length && peek() != '}') pos++;
                String name = pattern.substring(offset(nameAt), offset(pos));
                expect('}', "'}' closing \\N{");
                try {
                    return Character.codePointOf(name);
                } catch (IllegalArgumentException unknown) {
                    pos = nameAt;
                    throw syntax("a Unicode character name (" + name + " is unknown)");
                }
            case '0':
                int octal = 0;
                for (int i = 0; i < 2 && pos < cps.length && peek() >= '0' && peek() <= '7'; i++) octal = octal * 8 + next() - '0';
                return octal;
            default:
                return -1;
        }
    }

    private int checkedCodePoint(long v, int at) {
        if (v < 0 || v > CodePointSet.MAX) {
            pos = at;
            throw syntax("a code point of at most 10FFFF");
        }
        return (int) v;
    }

    private CodePointSet property(boolean negated) {
        int at = pos - 2;
        if (!eat('{')) throw syntax("'{' after \\p");
        int start = pos;
        while (pos < cps.length && peek() != '}') pos++;
        if (pos >= cps.length) throw syntax("'}' closing \\p{");
        String body = pattern.substring(offset(start), offset(pos));
        pos++;
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        String value = eq < 0 ? null : body.substring(eq + 1);
        CodePointSet set = UnicodeProperties.lookup(name, value)
                .orElseThrow(() -> unsupported(at, "Unicode property \\p{" + body + "}"));
        return negated ? set.complement() : set;
    }

    private int unicodeEscape() {
        if (eat('{')) {
            int at = pos;
            long v = 0;
            while (pos < cps.length && hexValue(peek()) >= 0) {
                v = Math.min(v * 16 + hexValue(next()), CodePointSet.MAX + 1L);
            }
            if (pos == at || v > CodePointSet.MAX) {
                pos = at;
                throw syntax("a code point of at most 10FFFF in \\u{...}");
            }
            expect('}', "'}' closing \\u{");
            return (int) v;
        }
        int unit = hex(4, "four hex digits after \\u");
        if (Character.isHighSurrogate((char) unit) && lookingAt("\\u") && pos + 6 <= cps.length) {
            int save = pos;
            pos += 2;
            int low = hexOrMinus(4);
            if (low >= 0 && Character.isLowSurrogate((char) low)) return Character.toCodePoint((char) unit, (char) low);
            pos = save;
        }
        return unit;
    }

    private int hex(int digits, String expected) {
        int v = hexOrMinus(digits);
        if (v < 0) throw syntax(expected);
        return v;
    }

    private int hexOrMinus(int digits) {
        if (pos + digits > cps.length) return -1;
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = hexValue(cps[pos + i]);
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        pos += digits;
        return v;
    }

    /** A literal for one ordinary character, a class otherwise; lone surrogates have no UTF-8 literal. */
    private Expr charOrSet(CodePointSet set) {
        if (dialect.ignoreCase()) set = CaseFolding.close(set);
        boolean surrogate = set.lo(0) >= 0xD800 && set.lo(0) <= 0xDFFF;
        return set.size() == 1 && !surrogate ? Expr.lit(Character.toString(set.lo(0))) : Expr.cls(set);
    }

    private static int hexValue(int c) {
        if (isDigit(c)) return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private int peek() {
        return pos < cps.length ? cps[pos] : -1;
    }

    private int next() {
        return cps[pos++];
    }

    private boolean eat(int c) {
        if (peek() != c) return false;
        pos++;
        return true;
    }

    private void expect(int c, String what) {
        if (!eat(c)) throw syntax(what);
    }

    private boolean lookingAt(String s) {
        int[] want = s.codePoints().toArray();
        if (pos + want.length > cps.length) return false;
        for (int i = 0; i < want.length; i++) {
            if (cps[pos + i] != want[i]) return false;
        }
        return true;
    }

    /** UTF-16 index in the pattern string of code point index i. */
    private int offset(int i) {
        return pattern.offsetByCodePoints(0, Math.min(i, cps.length));
    }

    private RegexSyntaxException syntax(String expected) {
        return new RegexSyntaxException(pattern, offset(pos), expected);
    }

    private UnsupportedRegexException unsupported(int at, String construct) {
        return new UnsupportedRegexException(pattern, offset(at), construct);
    }
}
