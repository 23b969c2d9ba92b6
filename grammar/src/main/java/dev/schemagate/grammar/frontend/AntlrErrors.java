package dev.schemagate.grammar.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Makes the first ANTLR syntax error an {@link InvalidGrammarException} with its line, column and what was
 * expected, instead of ANTLR's recovery and console output.
 */
public final class AntlrErrors extends BaseErrorListener {
    private static final int MAX_NESTING = 200;

    /** What each symbolic token name means to a user, e.g. NAME to "a rule name". */
    private final Map<String, String> tokenMeanings;

    private AntlrErrors(Map<String, String> tokenMeanings) {
        this.tokenMeanings = tokenMeanings;
    }

    /**
     * Replaces the listeners of both, lexes the whole input and refuses groups (token types {@code open} ...
     * {@code close}, pairwise) nested deeper than 200 levels, so parsing cannot run out of stack.
     */
    public static CommonTokenStream tokens(Lexer lexer, Parser parser, Map<String, String> tokenMeanings, Set<Integer> open,
                                           Set<Integer> close) {
        AntlrErrors listener = new AntlrErrors(tokenMeanings);
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        int depth = 0;
        for (Token t : tokens.getTokens()) {
            if (open.contains(t.getType()) && ++depth > MAX_NESTING) {
                throw new InvalidGrammarException(t.getLine(), t.getCharPositionInLine() + 1, null,
                        "groups nested more than " + MAX_NESTING + " levels deep");
            }
            if (close.contains(t.getType())) depth--;
        }
        parser.setTokenStream(tokens);
        return tokens;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        String message;
        if (recognizer instanceof Parser parser && offendingSymbol instanceof Token found) {
            message = "unexpected " + describeFound(found) + "; expected " + expected(parser, e);
        } else if (recognizer instanceof Lexer lexer && e instanceof LexerNoViableAltException lexError) {
            int at = lexError.getStartIndex();
            int c = at < lexer.getInputStream().size() ? lexer.getInputStream().getText(Interval.of(at, at)).codePointAt(0) : -1;
            message = switch (c) {
                case '"' -> "unterminated string literal";
                case '[' -> "unterminated character class";
                case '/' -> "unterminated regular expression";
                case -1 -> "unexpected end of input";
                default -> "unexpected character " + quote(Character.toString(c));
            };
        } else {
            message = msg;
        }
        throw new InvalidGrammarException(line, charPositionInLine + 1, null, message);
    }

    private String expected(Parser parser, RecognitionException e) {
        IntervalSet set;
        try {
            set = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        } catch (IllegalArgumentException noState) {
            return "something else";
        }
        Vocabulary vocabulary = parser.getVocabulary();
        List<String> names = new ArrayList<>();
        for (int type : set.toArray()) {
            String name = type == Token.EOF ? "end of input" : describeType(vocabulary, type);
            if (!names.contains(name)) names.add(name);
        }
        if (names.isEmpty()) return "something else";
        if (names.size() == 1) return names.getFirst();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    private String describeType(Vocabulary vocabulary, int type) {
        String literal = vocabulary.getLiteralName(type);
        if (literal != null) return literal;
        String symbolic = vocabulary.getSymbolicName(type);
        return tokenMeanings.getOrDefault(symbolic, symbolic);
    }

    private static String describeFound(Token t) {
        return t.getType() == Token.EOF ? "end of input" : quote(t.getText());
    }

    private static String quote(String text) {
        String shown = text.length() > 30 ? text.substring(0, 30) + "..." : text;
        StringBuilder sb = new StringBuilder("'");
        shown.codePoints().forEach(c -> {
            if (c == '\n') sb.append("\\n");
            else if (c == '\t') sb.append("\\t");
            else if (c == '\r') sb.append("\\r");
            else if (c < 0x20) sb.append(String.format("\\x%02X", c));
            else sb.appendCodePoint(c);
        });
        return sb.append('\'').toString();
    }
}
