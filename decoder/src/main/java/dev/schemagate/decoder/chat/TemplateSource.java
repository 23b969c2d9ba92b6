package dev.schemagate.decoder.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Rewrites the two Jinja2 spellings that Hugging Face chat templates use and jinjava's parser reads differently,
 * leaving everything else as written: a reversed slice {@code xs[::-1]} (jinjava has no slice steps) becomes
 * {@code xs|reverse}, and a keyword argument's value {@code f(k=a - 1)} is parenthesised to {@code f(k=(a - 1))},
 * because jinjava binds {@code k=a} before the {@code - 1}. Only text inside tags is touched, never string literals.
 */
final class TemplateSource {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "else", "elif", "for");

    private final String source;
    private final StringBuilder out;
    private int pos;

    private TemplateSource(String source) {
        this.source = source;
        this.out = new StringBuilder(source.length() + 64);
    }

    static String rewrite(String source) {
        return new TemplateSource(source).run();
    }

    private String run() {
        while (pos < source.length()) {
            if (source.startsWith("{#", pos)) {
                copyThrough("#}");
            } else if (source.startsWith("{{", pos)) {
                tag("}}");
            } else if (source.startsWith("{%", pos)) {
                tag("%}");
            } else {
                out.append(source.charAt(pos++));
            }
        }
        return out.toString();
    }

    private void copyThrough(String end) {
        int close = source.indexOf(end, pos + 2);
        int stop = close < 0 ? source.length() : close + end.length();
        out.append(source, pos, stop);
        pos = stop;
    }

    /** An open bracket; for a call's '(', whether a keyword argument's value is being wrapped. */
    private static final class Frame {
        final boolean call;
        boolean wrapping;

        Frame(boolean call) {
            this.call = call;
        }
    }

    /** Copies one tag, rewriting its expression; a macro definition's defaults are left as they are. */
    private void tag(String end) {
        int bodyStart = pos + 2;
        while (bodyStart < source.length() && (source.charAt(bodyStart) == '-' || source.charAt(bodyStart) == '+')) bodyStart++;
        if (source.startsWith("macro", skipSpaces(bodyStart))) {
            copyThrough(end);
            return;
        }
        out.append(source, pos, bodyStart);
        pos = bodyStart;
        Deque<Frame> frames = new ArrayDeque<>();
        boolean argumentStart = false;
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (frames.isEmpty()) {
                int closing = source.startsWith(end, pos) ? 2
                        : source.startsWith("-" + end, pos) || source.startsWith("+" + end, pos) ? 3 : 0;
                if (closing > 0) {
                    out.append(source, pos, pos + closing);
                    pos += closing;
                    return;
                }
            }
            if (c == '\'' || c == '"') {
                stringLiteral(c);
                argumentStart = false;
            } else if (source.startsWith("[::-1]", pos)) {
                out.append("|reverse");
                pos += 6;
                argumentStart = false;
            } else if (c == '(' || c == '[' || c == '{') {
                boolean call = c == '(' && followsCallee();
                frames.push(new Frame(call));
                out.append(c);
                pos++;
                argumentStart = call;
            } else if (c == ')' || c == ']' || c == '}') {
                Frame frame = frames.poll();
                if (frame != null && frame.wrapping) out.append(')');
                out.append(c);
                pos++;
                argumentStart = false;
            } else if (c == ',' && !frames.isEmpty()) {
                Frame frame = frames.peek();
                if (frame.wrapping) out.append(')');
                frame.wrapping = false;
                out.append(c);
                pos++;
                argumentStart = frame.call;
            } else if (argumentStart && isIdentifierStart(c)) {
                int nameEnd = pos;
                while (nameEnd < source.length() && isIdentifierPart(source.charAt(nameEnd))) nameEnd++;
                int eq = skipSpaces(nameEnd);
                boolean keyword = eq < source.length() && source.charAt(eq) == '='
                        && (eq + 1 >= source.length() || source.charAt(eq + 1) != '=');
                out.append(source, pos, keyword ? eq + 1 : nameEnd);
                if (keyword) {
                    out.append('(');
                    frames.peek().wrapping = true;
                }
                pos = keyword ? eq + 1 : nameEnd;
                argumentStart = false;
            } else {
                out.append(c);
                pos++;
                if (!Character.isWhitespace(c)) argumentStart = false;
            }
        }
    }

    private void stringLiteral(char quote) {
        int i = pos + 1;
        while (i < source.length() && source.charAt(i) != quote) i += source.charAt(i) == '\\' ? 2 : 1;
        int stop = Math.min(i + 1, source.length());
        out.append(source, pos, stop);
        pos = stop;
    }

    /** Whether the '(' at pos calls something: it follows a name that is not a keyword, or a ')' or ']'. */
    private boolean followsCallee() {
        int i = out.length() - 1;
        while (i >= 0 && Character.isWhitespace(out.charAt(i))) i--;
        if (i < 0) return false;
        char last = out.charAt(i);
        if (last == ')' || last == ']') return true;
        if (!isIdentifierPart(last)) return false;
        int start = i;
        while (start > 0 && isIdentifierPart(out.charAt(start - 1))) start--;
        return !KEYWORDS.contains(out.substring(start, i + 1)) && !Character.isDigit(out.charAt(start));
    }

    private int skipSpaces(int from) {
        int i = from;
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) i++;
        return i;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
