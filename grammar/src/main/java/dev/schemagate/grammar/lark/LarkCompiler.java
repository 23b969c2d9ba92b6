package dev.schemagate.grammar.lark;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.frontend.AntlrErrors;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import dev.schemagate.grammar.frontend.RuleChecks;
import dev.schemagate.grammar.frontend.SourcePos;
import dev.schemagate.grammar.regex.EcmaRegex;
import dev.schemagate.grammar.regex.RegexDialect;
import dev.schemagate.grammar.regex.RegexSyntaxException;
import dev.schemagate.grammar.regex.UnsupportedRegexException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Lark-style EBNF, as llguidance accepts it, to the grammar IR. Uppercase terminals, string literals and
 * {@code /regex/}es are lexemes ({@link Expr.Token}, lexed greedily); lowercase rules are context-free
 * structure. {@code %ignore}d text may come before every lexeme and at the end. {@code %json { schema }} is
 * a rule-level item compiled by the {@link JsonTerminalCompiler} and embedded. The start rule is {@code start}.
 * Regexes use {@link RegexDialect#PYTHON} with the flags {@code i} and {@code s}.
 */
public final class LarkCompiler {
    static final String START = "start";
    private static final String ENTRY = "%start";
    private static final Map<String, String> TOKEN_MEANINGS = Map.of(
            "RULE", "a rule name", "TERMINAL", "a terminal name", "MIXED_NAME", "a name", "STRING", "a string literal",
            "REGEXP", "a /regex/", "NUMBER", "a number", "JSON", "%json {...}", "SPECIAL", "a special token",
            "DIRECTIVE", "a %directive");
    private static final int MAX_COUNT = 1_000_000;

    private final JsonTerminalCompiler json;
    private final Map<String, LarkParser.ExpansionsContext> ruleDefs = new LinkedHashMap<>();
    private final Map<String, LarkParser.ExpansionsContext> terminalDefs = new LinkedHashMap<>();
    private final Map<String, String> importedTerminals = new LinkedHashMap<>();
    private final Map<String, SourcePos> definedAt = new LinkedHashMap<>();
    private final List<LarkParser.ExpansionsContext> ignored = new ArrayList<>();
    private final Map<String, Expr> terminals = new LinkedHashMap<>();
    private final Set<String> terminalsInProgress = new HashSet<>();
    private final List<Grammar> embedded = new ArrayList<>();
    private Expr ignore;

    private LarkCompiler(JsonTerminalCompiler json) {
        this.json = json;
    }

    /**
     * @param json compiles {@code %json} schemas; null refuses them
     * @throws InvalidGrammarException on a syntax error, an undefined or twice-defined name, a recursive
     *                                 terminal, a refused regex or schema, or a rule that matches no finite string
     */
    public static Grammar compile(String text, JsonTerminalCompiler json) {
        LarkCompiler c = new LarkCompiler(json);
        c.read(text);
        return c.build();
    }

    private void read(String text) {
        LarkLexer lexer = new LarkLexer(CharStreams.fromString(text));
        LarkParser parser = new LarkParser(null);
        AntlrErrors.tokens(lexer, parser, TOKEN_MEANINGS, Set.of(LarkLexer.LPAREN, LarkLexer.LBRACK),
                Set.of(LarkLexer.RPAREN, LarkLexer.RBRACK));
        for (LarkParser.StatementContext s : parser.file_().statement()) {
            switch (s) {
                case LarkParser.RuleDefContext r -> {
                    if (r.ruleOptions() != null) {
                        throw pos(r.ruleOptions().getStart()).error(r.RULE().getText(),
                                "rule options " + r.ruleOptions().getText() + " are not supported");
                    }
                    define(r.RULE().getSymbol(), r.expansions(), ruleDefs);
                }
                case LarkParser.TerminalDefContext t -> define(t.TERMINAL().getSymbol(), t.expansions(), terminalDefs);
                case LarkParser.IgnoreContext i -> ignored.add(i.expansions());
                case LarkParser.ImportOneContext i -> {
                    List<LarkParser.NameContext> path = i.path.name();
                    importCommon(i.path, path.getLast().getStart(), i.renamed != null ? i.renamed.getStart() : path.getLast().getStart(),
                            path.size() - 1);
                }
                case LarkParser.ImportManyContext i -> {
                    for (LarkParser.NameContext n : i.name()) importCommon(i.path, n.getStart(), n.getStart(), i.path.name().size());
                }
                case LarkParser.OtherDirectiveContext d -> throw pos(d.getStart()).error(null, d.DIRECTIVE().getText().equals("%json")
                        ? "%json must be followed by a JSON object { ... }"
                        : "directive " + d.DIRECTIVE().getText() + " is not supported (known: %ignore, %import common, %json)");
                default -> throw new IllegalStateException("unknown Lark statement " + s.getClass().getSimpleName());
            }
        }
    }

    private void define(Token name, LarkParser.ExpansionsContext body, Map<String, LarkParser.ExpansionsContext> into) {
        String n = name.getText();
        if (definedAt.containsKey(n)) {
            throw pos(name).error(n, "'" + n + "' is defined twice (first at line " + definedAt.get(n).line() + ")");
        }
        definedAt.put(n, pos(name));
        into.put(n, body);
    }

    /** {@code %import common.NAME [-> ALIAS]}: the built-in terminals of Lark's common grammar. */
    private void importCommon(LarkParser.DottedNameContext module, Token imported, Token localName, int moduleParts) {
        String moduleName = module.name().subList(0, moduleParts).stream().map(ParserRuleContext::getText)
                .reduce((a, b) -> a + "." + b).orElse("");
        if (!moduleName.equals("common")) {
            throw pos(module.getStart()).error(null, "only %import common.NAME is supported, not module '" + moduleName + "'");
        }
        String pattern = CommonTerminals.PATTERNS.get(imported.getText());
        if (pattern == null) {
            throw pos(imported).error(imported.getText(), "common." + imported.getText() + " is not a known common terminal");
        }
        if (definedAt.containsKey(localName.getText())) {
            throw pos(localName).error(localName.getText(), "'" + localName.getText() + "' is defined twice");
        }
        definedAt.put(localName.getText(), pos(localName));
        importedTerminals.put(localName.getText(), pattern);
    }

    private Grammar build() {
        if (!ruleDefs.containsKey(START)) throw new InvalidGrammarException(1, 1, START, "the grammar has no 'start' rule");
        if (!ignored.isEmpty()) {
            List<Expr> options = new ArrayList<>();
            for (LarkParser.ExpansionsContext e : ignored) options.add(expansions(e, true));
            ignore = Expr.alt(options);
        }
        Map<String, Expr> rules = new LinkedHashMap<>();
        ruleDefs.forEach((name, body) -> rules.put(name, expansions(body, false)));
        for (String name : terminalDefs.keySet()) terminal(name, null);
        Grammar lark = new Grammar(START, rules);
        Map<String, Expr> all = new LinkedHashMap<>(rules);
        for (Grammar g : embedded) all.putAll(g.rules());
        RuleChecks.requireFiniteDerivations(START, all, definedAt);
        List<Grammar> parts = new ArrayList<>();
        parts.add(lark);
        parts.addAll(embedded);
        Expr entry = ignore == null ? Expr.ref(START) : Expr.seq(Expr.ref(START), Expr.opt(Expr.token(Expr.plus(ignore))));
        return Grammar.embed(ENTRY, entry, parts);
    }

    // ---- expressions: terminal mode builds a regular expression, rule mode a context-free one --------------

    private Expr expansions(LarkParser.ExpansionsContext ctx, boolean terminal) {
        List<Expr> options = new ArrayList<>();
        for (LarkParser.AliasContext a : ctx.alias()) {
            List<Expr> items = new ArrayList<>();
            for (LarkParser.ExprContext e : a.expansion().expr()) items.add(expr(e, terminal));
            options.add(items.isEmpty() ? Expr.empty() : Expr.seq(items));
        }
        return Expr.alt(options);
    }

    private Expr expr(LarkParser.ExprContext ctx, boolean terminal) {
        Expr e = atom(ctx.atom(), terminal);
        if (ctx.repetition() == null) return e;
        return switch (ctx.repetition()) {
            case LarkParser.OptionalRepContext r -> Expr.opt(e);
            case LarkParser.StarRepContext r -> Expr.star(e);
            case LarkParser.PlusRepContext r -> Expr.plus(e);
            case LarkParser.TildeRepContext r -> {
                int min = count(r.min);
                yield bounded(e, min, r.max == null ? min : count(r.max), r.getStart());
            }
            case LarkParser.BraceRepContext r -> {
                int min = r.min == null ? 0 : count(r.min);
                int max = r.comma == null ? min : r.max == null ? Expr.UNBOUNDED : count(r.max);
                if (r.min == null && r.comma == null) throw pos(r.getStart()).error(null, "a count in {...}");
                yield bounded(e, min, max, r.getStart());
            }
            default -> throw new IllegalStateException("unknown repetition " + ctx.repetition().getClass().getSimpleName());
        };
    }

    private static Expr bounded(Expr e, int min, int max, Token at) {
        if (max != Expr.UNBOUNDED && max < min) {
            throw pos(at).error(null, "repetition " + min + ".." + max + ": the maximum is below the minimum");
        }
        return max == 0 ? Expr.empty() : Expr.repeat(e, min, max);
    }

    private Expr atom(LarkParser.AtomContext ctx, boolean terminal) {
        return switch (ctx) {
            case LarkParser.GroupContext g -> expansions(g.expansions(), terminal);
            case LarkParser.MaybeContext m -> Expr.opt(expansions(m.expansions(), terminal));
            case LarkParser.LiteralContext l -> {
                Expr lit = l.to == null ? LarkStrings.literal(l.STRING(0).getSymbol()) : range(l);
                yield terminal ? lit : lexeme(lit);
            }
            case LarkParser.RegexpContext r -> {
                Expr re = regex(r.REGEXP().getSymbol());
                yield terminal ? re : lexeme(re);
            }
            case LarkParser.TerminalRefContext t -> {
                Expr body = terminal(t.TERMINAL().getText(), t.TERMINAL().getSymbol());
                yield terminal ? body : lexeme(body);
            }
            case LarkParser.RuleRefContext r -> {
                Token name = r.RULE().getSymbol();
                if (terminal) {
                    throw pos(name).error(name.getText(), "a terminal cannot use rule '" + name.getText()
                            + "': terminals are regular; name it in uppercase if it is a terminal too");
                }
                if (!ruleDefs.containsKey(name.getText())) {
                    throw pos(name).error(name.getText(), "rule '" + name.getText() + "' is not defined");
                }
                yield Expr.ref(name.getText());
            }
            case LarkParser.JsonContext j -> {
                if (terminal) throw pos(j.getStart()).error(null, "%json is a rule-level item; it cannot be part of a terminal");
                yield embedJson(j.JSON().getSymbol());
            }
            case LarkParser.SpecialContext s -> throw pos(s.getStart()).error(null,
                    "special tokens (" + s.getText() + ") are not supported: write the text they stand for");
            default -> throw new IllegalStateException("unknown Lark atom " + ctx.getClass().getSimpleName());
        };
    }

    /** A lexeme of the rule level: the %ignore'd text may come before it. */
    private Expr lexeme(Expr body) {
        return Expr.token(ignore == null ? body : Expr.seq(Expr.star(ignore), body));
    }

    private Expr range(LarkParser.LiteralContext l) {
        int lo = LarkStrings.rangeEnd(l.STRING(0).getSymbol()), hi = LarkStrings.rangeEnd(l.to);
        if (hi < lo) throw pos(l.getStart()).error(null, "range " + l.getText() + " is out of order");
        return Expr.cls(CodePointSet.range(lo, hi));
    }

    /** A terminal's regular expression, built on first use; {@code usedAt} is null for a definition itself. */
    private Expr terminal(String name, Token usedAt) {
        Expr known = terminals.get(name);
        if (known != null) return known;
        String imported = importedTerminals.get(name);
        if (imported != null) {
            Expr e = EcmaRegex.fullMatch(imported, RegexDialect.PYTHON);
            terminals.put(name, e);
            return e;
        }
        LarkParser.ExpansionsContext body = terminalDefs.get(name);
        if (body == null) throw pos(usedAt).error(name, "terminal '" + name + "' is not defined");
        if (!terminalsInProgress.add(name)) {
            throw pos(usedAt).error(name, "terminal '" + name + "' refers to itself; terminals must be regular (use a rule)");
        }
        Expr e = expansions(body, true);
        terminalsInProgress.remove(name);
        terminals.put(name, e);
        return e;
    }

    private Expr regex(Token t) {
        String raw = t.getText();
        int close = raw.lastIndexOf('/');
        String pattern = raw.substring(1, close);
        RegexDialect dialect = RegexDialect.PYTHON;
        for (char flag : raw.substring(close + 1).toCharArray()) {
            dialect = switch (flag) {
                case 'i' -> dialect.withIgnoreCase();
                case 's' -> dialect.withDotAll();
                case 'u' -> dialect;
                default -> throw pos(t).error(null, "regex flag '" + flag + "' is not supported (known: i, s, u)");
            };
        }
        try {
            return EcmaRegex.fullMatch(pattern, dialect);
        } catch (RegexSyntaxException e) {
            throw new InvalidGrammarException(t.getLine(), t.getCharPositionInLine() + 2 + e.position(), null, e.getMessage(), e);
        } catch (UnsupportedRegexException e) {
            throw new InvalidGrammarException(t.getLine(), t.getCharPositionInLine() + 2 + e.position(), null, e.getMessage(), e);
        } catch (GrammarException e) {
            throw new InvalidGrammarException(t.getLine(), t.getCharPositionInLine() + 1, null, e.getMessage(), e);
        }
    }

    private Expr embedJson(Token t) {
        if (json == null) throw pos(t).error(null, "%json is not available here");
        String text = t.getText();
        String schema = text.substring(text.indexOf('{'));
        Grammar g;
        try {
            g = json.compile(schema);
        } catch (GrammarException e) {
            throw new InvalidGrammarException(t.getLine(), t.getCharPositionInLine() + 1, null, "%json: " + e.getMessage(), e);
        }
        Grammar prefixed = g.withRulePrefix("%json" + embedded.size() + "/");
        embedded.add(prefixed);
        return Expr.ref(prefixed.start());
    }

    private static int count(Token t) {
        String digits = t.getText();
        if (digits.length() > 7 || Integer.parseInt(digits) > MAX_COUNT) {
            throw pos(t).error(null, "repetition count " + digits + " is over the limit of " + MAX_COUNT);
        }
        return Integer.parseInt(digits);
    }

    private static SourcePos pos(Token t) {
        return new SourcePos(t.getLine(), t.getCharPositionInLine() + 1);
    }
}
