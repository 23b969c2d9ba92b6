package dev.schemagate.schemas.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.SchemaCompileException;
import dev.schemagate.schemas.document.Conj;
import dev.schemagate.schemas.number.NumberBounds;
import dev.schemagate.schemas.number.NumberLanguage;
import dev.schemagate.schemas.shape.ArrayRules;
import dev.schemagate.schemas.shape.JsonValues;
import dev.schemagate.schemas.shape.NumberRules;
import dev.schemagate.schemas.shape.ObjectRules;
import dev.schemagate.schemas.shape.PatternRule;
import dev.schemagate.schemas.shape.Shape;
import dev.schemagate.schemas.shape.ShapeResolver;
import dev.schemagate.schemas.shape.StringRules;
import dev.schemagate.schemas.shape.TypeTag;
import dev.schemagate.schemas.text.JsonStringLanguage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits the grammar of resolved shapes. Each lexeme is one whole JSON scalar, key or punctuation mark,
 * preceded by the allowed whitespace; objects and arrays are rules whose states record what was emitted so
 * far (for objects: which required members, and how many members when counts are bounded).
 */
public final class GrammarEmitter {
    private static final int MAX_RULES = 200_000;
    private static final int MAX_ARRAY_STATES = 4_096;
    private static final int MAX_OBJECT_STATES = 20_000;
    private static final int MAX_ANY_ORDER_REQUIRED = 6;
    private static final Expr ANY_CODE_POINTS = Expr.star(Expr.cls(CodePointSet.ALL));
    private static final Expr INTEGER_SPELLING = Expr.seq(Expr.opt(Expr.lit("-")),
            Expr.alt(Expr.lit("0"), Expr.seq(Expr.cls(CodePointSet.range('1', '9')), Expr.star(Expr.cls(CodePointSet.range('0', '9'))))));

    private final ShapeResolver resolver;
    private final Expr whitespace;
    private final boolean integersNeedIntegerSpelling;
    private final Map<String, Expr> rules = new LinkedHashMap<>();
    private final Map<String, String> ruleOfConj = new HashMap<>();

    public GrammarEmitter(ShapeResolver resolver, JsonSchemaOptions options) {
        this.resolver = resolver;
        Expr ws = Expr.cls(CodePointSet.chars(" \t\n\r"));
        int run = options.maxWhitespaceRun();
        this.whitespace = run == JsonSchemaOptions.UNBOUNDED ? Expr.star(ws) : run == 0 ? Expr.empty() : Expr.repeat(ws, 0, run);
        this.integersNeedIntegerSpelling = resolver.document().draft().integerNeedsIntegerSpelling();
    }

    public Grammar emit(Conj root) {
        Expr start = value(root);
        if (!(start instanceof Expr.Ref ref)) {
            throw new SchemaCompileException("schema", "", "no JSON value satisfies the schema");
        }
        return GrammarCleanup.clean(ref.rule(), rules);
    }

    /** The language of JSON values satisfying {@code conj}: a reference to its rule, or Nothing. */
    private Expr value(Conj conj) {
        String key = conj.key();
        String existing = ruleOfConj.get(key);
        if (existing != null) return new Expr.Ref(existing);
        List<Shape> shapes = resolver.shapes(conj);
        if (shapes.isEmpty()) return Expr.nothing();
        String name = "v" + rules.size();
        ruleOfConj.put(key, name);
        rules.put(name, Expr.nothing());
        rules.put(name, shapesExpr(shapes, pointerOf(conj)));
        return new Expr.Ref(name);
    }

    private static String pointerOf(Conj conj) {
        return conj.parts().isEmpty() ? "" : conj.parts().getFirst().pointer();
    }

    private Expr shapesExpr(List<Shape> shapes, String pointer) {
        Set<Expr> scalars = new LinkedHashSet<>();
        List<Expr> structural = new ArrayList<>();
        for (Shape s : shapes) {
            if (s.enumValues() != null) {
                for (JsonNode v : s.enumValues()) {
                    if (!resolver.accepts(s, v)) continue;
                    if (v.isContainerNode()) structural.add(literalValue(v, pointer));
                    else scalars.add(scalarBody(v));
                }
                continue;
            }
            Set<TypeTag> t = s.types();
            if (t.contains(TypeTag.NULL) && notExcluded(s, "null")) scalars.add(Expr.lit("null"));
            if (t.contains(TypeTag.BOOLEAN)) {
                if (notExcluded(s, "true")) scalars.add(Expr.lit("true"));
                if (notExcluded(s, "false")) scalars.add(Expr.lit("false"));
            }
            if (t.contains(TypeTag.INTEGER) || t.contains(TypeTag.FRACTION)) scalars.add(numberBody(s, pointer));
            if (t.contains(TypeTag.STRING)) scalars.add(JsonStringLanguage.quoted(stringContent(s)));
            if (t.contains(TypeTag.OBJECT)) structural.add(objectExpr(s.objects(), pointer));
            if (t.contains(TypeTag.ARRAY)) structural.add(arrayExpr(s.arrays(), pointer));
        }
        List<Expr> options = new ArrayList<>();
        if (!scalars.isEmpty()) options.add(token(Expr.alt(List.copyOf(scalars))));
        for (Expr e : structural) {
            if (!(e instanceof Expr.Nothing)) options.add(e);
        }
        return options.isEmpty() ? Expr.nothing() : Expr.alt(options);
    }

    private static boolean notExcluded(Shape s, String literal) {
        return s.excluded().stream().noneMatch(v -> v.isValueNode() && !v.isTextual() && v.toString().equals(literal));
    }

    private Expr token(Expr body) {
        return new Expr.Token(whitespace instanceof Expr.Empty ? body : Expr.seq(whitespace, body));
    }

    private Expr punct(String p) {
        return token(Expr.lit(p));
    }

    /** One scalar value, spelled in every way that denotes it (numbers mathematically, strings with escapes). */
    private Expr scalarBody(JsonNode v) {
        if (v.isTextual()) return JsonStringLanguage.quoted(Expr.lit(v.textValue()));
        if (v.isNumber()) return exactNumber(JsonValues.decimal(v));
        return Expr.lit(v.toString());
    }

    private static Expr exactNumber(BigDecimal d) {
        return NumberLanguage.of(new NumberBounds(d, false, d, false, null, false));
    }

    /** An enum/const object (its members in any order) or array, each scalar its own lexeme. */
    private Expr literalValue(JsonNode v, String pointer) {
        if (!v.isContainerNode()) return token(scalarBody(v));
        if (v.isObject()) {
            List<Expr> members = new ArrayList<>();
            for (var e : v.properties()) members.add(member(e.getKey(), literalValue(e.getValue(), pointer)));
            return Expr.seq(punct("{"), memberStates(members, List.of(), null, 0, -1, "enum", pointer), punct("}"));
        }
        List<Expr> items = new ArrayList<>();
        items.add(punct("["));
        for (JsonNode item : v) {
            if (items.size() > 1) items.add(punct(","));
            items.add(literalValue(item, pointer));
        }
        items.add(punct("]"));
        return Expr.seq(items);
    }

    private Expr numberBody(Shape s, String pointer) {
        NumberRules r = s.numbers();
        boolean integerOnly = !s.types().contains(TypeTag.FRACTION);
        // For integers, a multipleOf whose reciprocal is an integer always holds: dropping it keeps 1e308 exact.
        List<BigDecimal> mult = r.multipleOf().stream()
                .filter(m -> !integerOnly || BigDecimal.ONE.remainder(m).signum() != 0).toList();
        try {
            List<Expr> parts = new ArrayList<>();
            parts.add(NumberLanguage.of(new NumberBounds(r.min(), r.minExclusive(), r.max(), r.maxExclusive(),
                    mult.isEmpty() ? null : mult.getFirst(), integerOnly)));
            for (BigDecimal m : mult.subList(Math.min(1, mult.size()), mult.size())) {
                parts.add(NumberLanguage.of(new NumberBounds(null, false, null, false, m, integerOnly)));
            }
            if (!s.types().contains(TypeTag.INTEGER)) parts.add(Expr.not(NumberLanguage.of(NumberBounds.ANY_INTEGER)));
            if (integerOnly && integersNeedIntegerSpelling) parts.add(INTEGER_SPELLING);
            List<Expr> excluded = s.excluded().stream().filter(JsonNode::isNumber).filter(JsonValues::isFinite)
                    .map(v -> exactNumber(JsonValues.decimal(v))).toList();
            if (!excluded.isEmpty()) parts.add(Expr.not(Expr.alt(excluded)));
            return parts.size() == 1 ? parts.getFirst() : new Expr.And(parts);
        } catch (GrammarException e) {
            if (e instanceof SchemaCompileException) throw e;
            throw new SchemaCompileException(mult.isEmpty() ? "minimum" : "multipleOf", pointer, e.getMessage());
        }
    }

    /** String content over code points: length bounds, patterns, formats, minus excluded values. */
    private static Expr stringContent(Shape s) {
        StringRules r = s.strings();
        List<Expr> parts = new ArrayList<>();
        parts.add(r.minLength() == 0 && r.maxLength() < 0 ? ANY_CODE_POINTS
                : Expr.repeat(Expr.cls(CodePointSet.ALL), r.minLength(), r.maxLength() < 0 ? Expr.UNBOUNDED : r.maxLength()));
        parts.addAll(r.languages());
        List<Expr> excluded = s.excluded().stream().filter(JsonNode::isTextual).map(v -> Expr.lit(v.textValue())).toList();
        if (!excluded.isEmpty()) parts.add(Expr.not(Expr.alt(excluded)));
        return parts.size() == 1 ? parts.getFirst() : new Expr.And(parts);
    }

    /** The union of the string languages a {@code propertyNames} schema admits; null when unconstrained. */
    private Expr propertyNameContent(Conj names) {
        if (names.isTrue()) return null;
        List<Expr> langs = new ArrayList<>();
        for (Shape s : resolver.shapes(names)) {
            if (!s.types().contains(TypeTag.STRING)) continue;
            if (s.enumValues() != null) {
                for (JsonNode v : s.enumValues()) {
                    if (v.isTextual() && resolver.accepts(s, v)) langs.add(Expr.lit(v.textValue()));
                }
            } else {
                langs.add(stringContent(s));
            }
        }
        return langs.isEmpty() ? Expr.nothing() : Expr.alt(langs);
    }

    private Expr objectExpr(ObjectRules o, String pointer) {
        Set<String> names = new LinkedHashSet<>(o.properties().keySet());
        names.addAll(o.required());
        Set<String> excludedNames = new LinkedHashSet<>(names);
        excludedNames.addAll(o.forbidden());
        Map<String, Expr> members = new LinkedHashMap<>();
        for (String name : names) {
            boolean allowed = !o.forbidden().contains(name)
                    && (o.propertyNames().isTrue() || resolver.validate(TextNode.valueOf(name), o.propertyNames()));
            Expr val = allowed ? value(o.schemaFor(name)) : Expr.nothing();
            if (val instanceof Expr.Nothing) {
                if (o.required().contains(name)) return Expr.nothing();
                continue;
            }
            members.put(name, member(name, val));
        }
        // Declared order (properties, then the rest of required) is the one kept when there are too many
        // required members to track: MaskBench instances follow it more often than the order of required.
        List<Expr> required = new ArrayList<>();
        List<Expr> optional = new ArrayList<>();
        members.forEach((name, m) -> (o.required().contains(name) ? required : optional).add(m));
        Expr extra = extraMembers(o, excludedNames, pointer);
        String keyword = o.maxProperties() >= 0 ? "maxProperties" : o.minProperties() > 0 ? "minProperties" : "required";
        Expr body = memberStates(required, optional, extra, o.minProperties(), o.maxProperties(), keyword, pointer);
        return body instanceof Expr.Nothing ? body : Expr.seq(punct("{"), body, punct("}"));
    }

    private Expr member(String name, Expr value) {
        return Expr.seq(token(JsonStringLanguage.quoted(Expr.lit(name))), punct(":"), value);
    }

    /** Members whose names are not declared: pattern properties first, then additionalProperties. */
    private Expr extraMembers(ObjectRules o, Set<String> declared, String pointer) {
        Expr nameLang = propertyNameContent(o.propertyNames());
        if (nameLang instanceof Expr.Nothing) return null;
        List<Expr> common = new ArrayList<>();
        common.add(ANY_CODE_POINTS);
        if (!declared.isEmpty()) common.add(Expr.not(Expr.alt(declared.stream().map(Expr::lit).toList())));
        if (nameLang != null) common.add(nameLang);
        List<Expr> kinds = new ArrayList<>();
        List<PatternRule> patterns = o.patterns();
        if (!patterns.isEmpty()) {
            Set<String> schemas = new LinkedHashSet<>();
            for (PatternRule p : patterns) schemas.add(p.schema().key());
            if (schemas.size() > 1) {
                throw new SchemaCompileException("patternProperties", pointer,
                        "several patterns with different schemas are not supported");
            }
            Expr patternLang = Expr.alt(patterns.stream().map(PatternRule::language).toList());
            Expr val = value(patterns.getFirst().schema());
            if (!(val instanceof Expr.Nothing)) {
                List<Expr> key = new ArrayList<>(common);
                key.add(patternLang);
                kinds.add(Expr.seq(token(JsonStringLanguage.quoted(new Expr.And(key))), punct(":"), val));
            }
            common.add(Expr.not(patternLang));
        }
        if (!o.additional().isFalse()) {
            Expr val = value(o.additional());
            if (!(val instanceof Expr.Nothing)) {
                Expr key = common.size() == 1 ? common.getFirst() : new Expr.And(common);
                kinds.add(Expr.seq(token(JsonStringLanguage.quoted(key)), punct(":"), val));
            }
        }
        return kinds.isEmpty() ? null : Expr.alt(kinds);
    }

    /**
     * The members of an object between its braces, comma-separated, in any order: each required member exactly
     * once, each optional declared member at most once, and any number of {@code extra} members (null when
     * there are none). Up to {@link #MAX_ANY_ORDER_REQUIRED} required and optional members are tracked by
     * subset; beyond that, or past the budget, optional members join the extra ones (so they may repeat, each
     * occurrence validated) and, past the limit for required ones too, required members keep their listed
     * order with the others between them. Member counts outside [min, max] (every occurrence counted; max -1
     * for none) are never accepted. Every state offers the same member expressions, so key tokens do not
     * multiply with the states.
     */
    private Expr memberStates(List<Expr> required, List<Expr> optional, Expr extra, int min, int max, String keyword,
                              String pointer) {
        int budget = Math.min(MAX_OBJECT_STATES, MAX_RULES - rules.size());
        List<Expr> tracked = new ArrayList<>(required);
        MemberStates states = null;
        Expr others = extra;
        if (required.size() + optional.size() <= MAX_ANY_ORDER_REQUIRED) {
            states = MemberStates.explore(required.size(), optional.size(), true, extra != null, min, max, budget);
            if (states != null) tracked.addAll(optional);
        }
        if (states == null) {
            List<Expr> untracked = new ArrayList<>(optional);
            if (extra != null) untracked.add(extra);
            others = untracked.isEmpty() ? null : Expr.alt(untracked);
            if (required.size() <= MAX_ANY_ORDER_REQUIRED) {
                states = MemberStates.explore(required.size(), 0, true, others != null, min, max, budget);
            }
            if (states == null) states = MemberStates.explore(required.size(), 0, false, others != null, min, max, budget);
        }
        if (states == null) {
            throw new SchemaCompileException(keyword, pointer, "object too large to count members (budget exceeded)");
        }
        if (!states.states().contains(states.start())) return Expr.nothing();
        Expr other = others == null ? null : rule(others, pointer);
        Map<MemberStates.State, Expr> refs = new HashMap<>();
        for (MemberStates.State s : states.states()) refs.put(s, rule(Expr.nothing(), pointer));
        for (MemberStates.State s : states.states()) {
            List<Expr> opts = new ArrayList<>();
            if (states.accepting(s)) opts.add(Expr.empty());
            boolean loops = false;
            for (MemberStates.Edge e : states.edges(s)) {
                if (e.member() == MemberStates.OTHER && e.to().equals(s)) {
                    loops = true;
                } else {
                    Expr item = e.member() == MemberStates.OTHER ? other : tracked.get(e.member());
                    opts.add(withSeparator(s.written(), item, refs.get(e.to())));
                }
            }
            Expr body = Expr.alt(opts);
            // A saturated state repeats other members in place rather than by right recursion.
            rules.put(((Expr.Ref) refs.get(s)).rule(), loops ? Expr.seq(Expr.star(Expr.seq(punct(","), other)), body) : body);
        }
        return refs.get(states.start());
    }

    private Expr withSeparator(int written, Expr item, Expr rest) {
        return written > 0 ? Expr.seq(punct(","), item, rest) : Expr.seq(item, rest);
    }

    private Expr arrayExpr(ArrayRules r, String pointer) {
        int prefix = r.prefix().size(), min = r.minItems(), max = r.maxItems();
        int limit = max >= 0 ? max : Math.max(prefix, min);
        if (limit > MAX_ARRAY_STATES) {
            throw new SchemaCompileException(max >= 0 ? "maxItems" : min > prefix ? "minItems" : "prefixItems", pointer,
                    "array bounds too large to expand (budget exceeded)");
        }
        Expr tailItem = value(r.items());
        Expr state;
        if (max >= 0) {
            state = limit >= min ? Expr.empty() : null;
        } else if (tailItem instanceof Expr.Nothing) {
            state = Expr.empty();
        } else if (limit == 0) {
            state = Expr.opt(Expr.seq(tailItem, Expr.star(Expr.seq(punct(","), tailItem))));
        } else {
            state = Expr.star(Expr.seq(punct(","), tailItem));
        }
        for (int j = limit - 1; j >= 0; j--) {
            List<Expr> opts = new ArrayList<>();
            if (j >= min) opts.add(Expr.empty());
            Expr item = j < prefix ? value(r.prefix().get(j)) : tailItem;
            if (!(item instanceof Expr.Nothing) && state != null) opts.add(withSeparator(j, item, state));
            state = opts.isEmpty() ? null : rule(Expr.alt(opts), pointer);
        }
        return state == null ? Expr.nothing() : Expr.seq(punct("["), state, punct("]"));
    }

    private Expr rule(Expr body, String pointer) {
        if (rules.size() >= MAX_RULES) {
            throw new SchemaCompileException("schema", pointer, "grammar too large (budget exceeded)");
        }
        String name = "c" + rules.size();
        rules.put(name, body);
        return new Expr.Ref(name);
    }
}
