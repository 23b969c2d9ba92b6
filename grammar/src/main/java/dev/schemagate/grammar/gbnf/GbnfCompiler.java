package dev.schemagate.grammar.gbnf;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.frontend.AntlrErrors;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import dev.schemagate.grammar.frontend.LexemeInference;
import dev.schemagate.grammar.frontend.RuleChecks;
import dev.schemagate.grammar.frontend.SourcePos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * GBNF (llama.cpp's grammar format) to the grammar IR. The language is llama.cpp's: rule {@code root} matched
 * against the whole output, code point by code point. GBNF has no lexer, so lexemes are inferred where that
 * provably keeps the language ({@link LexemeInference}).
 */
public final class GbnfCompiler {
    static final String ROOT = "root";
    private static final int MAX_COUNT = 1_000_000;
    private static final Map<String, String> TOKEN_MEANINGS = Map.of(
            "NAME", "a rule name", "STRING", "a string literal", "CLASS", "a character class",
            "TOKEN_REF", "a token reference", "INT", "a number");

    private final Map<String, Expr> rules = new LinkedHashMap<>();
    private final Map<String, SourcePos> definedAt = new LinkedHashMap<>();
    private final List<Reference> references = new ArrayList<>();

    private record Reference(String rule, SourcePos at) {}

    private GbnfCompiler() {}

    /**
     * @throws InvalidGrammarException on a syntax error, a rule defined twice or never defined, a missing
     *                                 {@code root}, or a rule that matches no finite string
     */
    public static Grammar compile(String text) {
        GbnfCompiler c = new GbnfCompiler();
        c.read(text);
        if (!c.rules.containsKey(ROOT)) throw new InvalidGrammarException(1, 1, ROOT, "the grammar has no 'root' rule");
        for (Reference r : c.references) {
            if (!c.rules.containsKey(r.rule)) throw r.at.error(r.rule, "rule '" + r.rule + "' is not defined");
        }
        RuleChecks.requireFiniteDerivations(ROOT, c.rules, c.definedAt);
        return LexemeInference.infer(ROOT, c.rules);
    }

    private void read(String text) {
        GbnfLexer lexer = new GbnfLexer(CharStreams.fromString(text));
        GbnfParser parser = new GbnfParser(null);
        AntlrErrors.tokens(lexer, parser, TOKEN_MEANINGS, Set.of(GbnfLexer.LPAREN), Set.of(GbnfLexer.RPAREN));
        for (GbnfParser.Rule_Context rule : parser.file_().rule_()) {
            Token name = rule.NAME().getSymbol();
            SourcePos at = pos(name);
            if (rules.containsKey(name.getText())) {
                throw at.error(name.getText(), "rule '" + name.getText() + "' is defined twice (first at line "
                        + definedAt.get(name.getText()).line() + ")");
            }
            definedAt.put(name.getText(), at);
            rules.put(name.getText(), alternatives(rule.alternatives()));
        }
    }

    private Expr alternatives(GbnfParser.AlternativesContext ctx) {
        List<Expr> options = new ArrayList<>();
        for (GbnfParser.SequenceContext s : ctx.sequence()) options.add(sequence(s));
        return Expr.alt(options);
    }

    private Expr sequence(GbnfParser.SequenceContext ctx) {
        List<Expr> items = new ArrayList<>();
        for (GbnfParser.ItemContext item : ctx.item()) {
            Expr e = atom(item.atom());
            for (GbnfParser.QuantifierContext q : item.quantifier()) e = quantify(e, q);
            items.add(e);
        }
        return items.isEmpty() ? Expr.empty() : Expr.seq(items);
    }

    private Expr atom(GbnfParser.AtomContext ctx) {
        return switch (ctx) {
            case GbnfParser.LiteralContext l -> Expr.lit(GbnfText.string(l.STRING().getSymbol()));
            case GbnfParser.CharClassContext c -> Expr.cls(GbnfText.charClass(c.CLASS().getSymbol()));
            case GbnfParser.AnyCharContext d -> Expr.cls(CodePointSet.ALL);
            case GbnfParser.ReferenceContext r -> {
                Token name = r.NAME().getSymbol();
                references.add(new Reference(name.getText(), pos(name)));
                yield Expr.ref(name.getText());
            }
            case GbnfParser.GroupContext g -> alternatives(g.alternatives());
            case GbnfParser.TokenReferenceContext t -> throw pos(t.TOKEN_REF().getSymbol()).error(null,
                    "token references (" + t.getText() + ") are not supported: write the text they stand for");
            default -> throw new IllegalStateException("unknown GBNF atom " + ctx.getClass().getSimpleName());
        };
    }

    private Expr quantify(Expr e, GbnfParser.QuantifierContext q) {
        return switch (q) {
            case GbnfParser.ZeroOrMoreContext z -> Expr.star(e);
            case GbnfParser.OneOrMoreContext o -> Expr.plus(e);
            case GbnfParser.OptionalContext o -> Expr.opt(e);
            case GbnfParser.CountedContext c -> {
                int min = count(c.min);
                int max = c.COMMA() == null ? min : c.max == null ? Expr.UNBOUNDED : count(c.max);
                if (max != Expr.UNBOUNDED && max < min) {
                    throw pos(c.max).error(null, "repetition {" + min + "," + max + "}: the maximum is below the minimum");
                }
                yield max == 0 ? Expr.empty() : Expr.repeat(e, min, max);
            }
            default -> throw new IllegalStateException("unknown GBNF quantifier " + q.getClass().getSimpleName());
        };
    }

    private static int count(Token t) {
        String digits = t.getText();
        if (digits.length() > 7 || Integer.parseInt(digits) > MAX_COUNT) {
            throw pos(t).error(null, "repetition count " + digits + " is over the limit of " + MAX_COUNT);
        }
        return Integer.parseInt(digits);
    }

    static SourcePos pos(Token t) {
        return new SourcePos(t.getLine(), t.getCharPositionInLine() + 1);
    }
}
