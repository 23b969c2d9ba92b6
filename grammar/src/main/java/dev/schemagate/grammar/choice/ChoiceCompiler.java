package dev.schemagate.grammar.choice;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A list of strings ({@code guided_choice}): the output is exactly one of them, as one lexeme. */
public final class ChoiceCompiler {
    private ChoiceCompiler() {}

    /** @throws InvalidGrammarException when the list is empty or holds a null (line 1, column = 1-based index) */
    public static Grammar compile(List<String> choices) {
        if (choices.isEmpty()) throw new InvalidGrammarException(1, 1, null, "the choice list is empty: no output would match");
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i) == null) throw new InvalidGrammarException(1, i + 1, null, "choice " + (i + 1) + " is null, not a string");
            distinct.add(choices.get(i));
        }
        List<Expr> options = new ArrayList<>();
        for (String s : distinct) options.add(Expr.lit(s));
        return Grammar.of(Expr.token(Expr.alt(options)));
    }
}
