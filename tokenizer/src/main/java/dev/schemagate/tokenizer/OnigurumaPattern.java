package dev.schemagate.tokenizer;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates a Hugging Face pre-tokenizer regex, which the Rust library runs with Oniguruma (Ruby syntax,
 * Unicode classes, multi-line anchors), into a {@link Pattern} that matches exactly the same strings.
 * Constructs whose meaning differs between the two engines and that have no exact rewrite are refused.
 */
final class OnigurumaPattern {
    /** Oniguruma: \s \d \w \b are Unicode; ^ $ are line anchors; only \n ends a line; (?i) folds Unicode. */
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.MULTILINE | Pattern.UNIX_LINES;

    private static final Set<String> GENERAL_CATEGORIES = Set.of(
            "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
            "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
            "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn");

    private final String source;
    private final StringBuilder out = new StringBuilder();
    private int pos;
    private int classDepth;

    private OnigurumaPattern(String source) {
        this.source = source;
    }

    static Pattern compile(String source) {
        String translated = new OnigurumaPattern(source).translate();
        try {
            return Pattern.compile(translated, FLAGS);
        } catch (PatternSyntaxException e) {
            throw new UnsupportedTokenizerException("pre-tokenizer regex not supported: " + source, e);
        }
    }

    private String translate() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '\\') {
                translateEscape();
            } else if (c == '[') {
                openClass();
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
                emit(1);
            } else if (classDepth > 0) {
                emit(1);
            } else if (c == '(') {
                translateGroupOpening();
            } else if (c == '{') {
                translateInterval();
            } else {
                emit(1);
            }
        }
        return out.toString();
    }

    private void openClass() {
        int next = pos + 1;
        if (next < source.length() && source.charAt(next) == '^') next++;
        if (next < source.length() && (source.charAt(next) == ']' || source.charAt(next) == ':')) {
            throw refuse("a character class starting with ']' or a POSIX bracket class");
        }
        classDepth++;
        emit(next - pos);
    }

    private void translateGroupOpening() {
        if (!source.startsWith("(?", pos)) {
            emit(1);
            return;
        }
        for (String kept : new String[] {"(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>"}) {
            if (source.startsWith(kept, pos)) {
                emit(kept.length());
                return;
            }
        }
        int end = pos + 2;
        while (end < source.length() && (source.charAt(end) == 'i' || source.charAt(end) == '-')) end++;
        if (end > pos + 2 && end < source.length() && (source.charAt(end) == ':' || source.charAt(end) == ')')) {
            emit(end + 1 - pos);
            return;
        }
        throw refuse("group syntax " + source.substring(pos, Math.min(source.length(), pos + 4)));
    }

    /** Java reads {n,m}+ as possessive, Ruby as a repeated repeat; Java has no {,n}. */
    private void translateInterval() {
        int close = source.indexOf('}', pos);
        if (close < 0) {
            emit(1);
            return;
        }
        String body = source.substring(pos + 1, close);
        if (!body.matches("\\d+(,\\d*)?")) throw refuse("interval {" + body + "}");
        if (close + 1 < source.length() && source.charAt(close + 1) == '+') throw refuse("'+' after an interval");
        emit(close + 1 - pos);
    }

    private void translateEscape() {
        if (pos + 1 >= source.length()) throw refuse("a trailing backslash");
        char e = source.charAt(pos + 1);
        switch (e) {
            case 's', 'S', 'd', 'D', 'w', 'W', 'r', 'n', 't', 'f', 'a', 'e', 'u' -> emit(2);
            case 'x' -> {
                int close = source.indexOf('}', pos);
                emit(source.startsWith("{", pos + 2) && close > 0 ? close + 1 - pos : 2);
            }
            case 'b', 'B', 'A', 'z', 'Z' -> {
                if (classDepth > 0) throw refuse("\\" + e + " inside a character class");
                emit(2);
            }
            case 'v' -> replace(2, "\\x0B");
            case 'h' -> replace(2, classDepth > 0 ? "0-9a-fA-F" : "[0-9a-fA-F]");
            case 'H' -> {
                if (classDepth > 0) throw refuse("\\H inside a character class");
                replace(2, "[^0-9a-fA-F]");
            }
            case 'p', 'P' -> translateProperty(e);
            default -> {
                if (Character.isLetterOrDigit(e)) throw refuse("escape \\" + e);
                emit(2);
            }
        }
    }

    private void translateProperty(char kind) {
        int close = source.indexOf('}', pos);
        if (pos + 2 >= source.length() || source.charAt(pos + 2) != '{' || close < 0) {
            throw refuse("\\" + kind + " without {name}");
        }
        String name = source.substring(pos + 3, close);
        boolean negated = name.startsWith("^");
        if (negated) name = name.substring(1);
        if (!GENERAL_CATEGORIES.contains(name)) throw refuse("property \\" + kind + "{" + name + "}");
        char javaKind = (kind == 'P') != negated ? 'P' : 'p';
        replace(close + 1 - pos, "\\" + javaKind + "{" + name + "}");
    }

    private void emit(int length) {
        out.append(source, pos, pos + length);
        pos += length;
    }

    private void replace(int length, String replacement) {
        out.append(replacement);
        pos += length;
    }

    private UnsupportedTokenizerException refuse(String what) {
        return new UnsupportedTokenizerException(
                "pre-tokenizer regex uses " + what + " (at " + pos + "), which cannot be matched exactly: " + source);
    }
}
