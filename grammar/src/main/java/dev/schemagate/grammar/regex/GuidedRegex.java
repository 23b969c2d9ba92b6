package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.frontend.InvalidGrammarException;

/**
 * The regex front end ({@code guided_regex}): the output must match the whole pattern, read with the
 * Python/PCRE spellings of {@link RegexDialect#PYTHON}. The whole output is one lexeme.
 */
public final class GuidedRegex {
    private GuidedRegex() {}

    /** @throws InvalidGrammarException (line 1, column = 1-based position in the pattern) when the pattern is refused */
    public static Grammar grammar(String pattern) {
        try {
            return Grammar.of(Expr.token(EcmaRegex.fullMatch(pattern, RegexDialect.PYTHON)));
        } catch (RegexSyntaxException e) {
            throw at(pattern, e.position(), e);
        } catch (UnsupportedRegexException e) {
            throw at(pattern, e.position(), e);
        } catch (GrammarException e) {
            throw new InvalidGrammarException(1, 1, null, e.getMessage(), e);
        }
    }

    /** A pattern error as a position in grammar text: patterns may span lines (verbose patterns, Lark files). */
    private static InvalidGrammarException at(String pattern, int offset, GrammarException e) {
        int line = 1, column = 1;
        for (int i = 0; i < Math.min(offset, pattern.length()); i++) {
            if (pattern.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new InvalidGrammarException(line, column, null, e.getMessage(), e);
    }
}
