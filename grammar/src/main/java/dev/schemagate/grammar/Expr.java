package dev.schemagate.grammar;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A node of the grammar IR that every front end (JSON Schema, regex, GBNF, Lark, choice) produces and the
 * mask engine consumes. Strings are matched as UTF-8 bytes.
 *
 * <p>Two levels share this one type. Outside a {@link Token} a node is context-free structure (rule
 * references, recursion). Inside a {@link Token} a node is a regular expression: no {@link Ref}, no nested
 * {@link Token}, and the boolean operators {@link And} and {@link Not} are allowed there only. A token is
 * one lexeme: the mask engine compiles its body to a lazy DFA and lexes greedily (longest match), so front
 * ends make adjacent tokens self-delimiting, as JSON's are.
 */
public sealed interface Expr {
    int UNBOUNDED = -1;

    /** The empty language: matches nothing. */
    record Nothing() implements Expr {}

    /** Matches only the empty string. */
    record Empty() implements Expr {}

    /** Matches exactly this text, as UTF-8. */
    record Literal(String text) implements Expr {
        public byte[] utf8() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Matches one code point of the set, as its UTF-8 encoding. */
    record CharClass(CodePointSet set) implements Expr {}

    record Seq(List<Expr> items) implements Expr {
        public Seq {
            items = List.copyOf(items);
        }
    }

    record Alt(List<Expr> options) implements Expr {
        public Alt {
            options = List.copyOf(options);
        }
    }

    /** {@code min} to {@code max} repetitions of {@code body}; {@code max} may be {@link #UNBOUNDED}. */
    record Repeat(Expr body, int min, int max) implements Expr {
        public Repeat {
            if (min < 0 || (max != UNBOUNDED && max < min)) {
                throw new IllegalArgumentException("bad repeat bounds {" + min + "," + max + "}");
            }
        }
    }

    /** Intersection of regular languages; only inside a {@link Token}. */
    record And(List<Expr> parts) implements Expr {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** Complement (over all byte strings) of a regular language; only inside a {@link Token}. */
    record Not(Expr body) implements Expr {}

    /** A reference to a named rule of the {@link Grammar}. */
    record Ref(String rule) implements Expr {}

    /** A lexeme: its body is regular and is matched as one unit by the lexer. */
    record Token(Expr body) implements Expr {}

    static Expr nothing() {
        return new Nothing();
    }

    static Expr empty() {
        return new Empty();
    }

    static Expr lit(String text) {
        return text.isEmpty() ? new Empty() : new Literal(text);
    }

    static Expr cls(CodePointSet set) {
        return set.isEmpty() ? new Nothing() : new CharClass(set);
    }

    static Expr seq(Expr... items) {
        return seq(List.of(items));
    }

    static Expr seq(List<Expr> items) {
        return items.size() == 1 ? items.getFirst() : new Seq(items);
    }

    static Expr alt(Expr... options) {
        return alt(List.of(options));
    }

    static Expr alt(List<Expr> options) {
        return options.size() == 1 ? options.getFirst() : new Alt(options);
    }

    static Expr repeat(Expr body, int min, int max) {
        return new Repeat(body, min, max);
    }

    static Expr star(Expr body) {
        return new Repeat(body, 0, UNBOUNDED);
    }

    static Expr plus(Expr body) {
        return new Repeat(body, 1, UNBOUNDED);
    }

    static Expr opt(Expr body) {
        return new Repeat(body, 0, 1);
    }

    static Expr and(Expr... parts) {
        return parts.length == 1 ? parts[0] : new And(List.of(parts));
    }

    static Expr not(Expr body) {
        return new Not(body);
    }

    static Expr ref(String rule) {
        return new Ref(rule);
    }

    static Expr token(Expr body) {
        return new Token(body);
    }
}
