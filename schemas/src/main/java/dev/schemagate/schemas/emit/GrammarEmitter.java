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
 * preceded by the allowed whitespace; objects and arrays are chains of rules whose states count what was
 * emitted so far, so the grammar stays linear in the number of properties and items.
 */
public final class GrammarEmitter {
    private static final int MAX_RULES = 200_000;
    private static final int MAX_ARRAY_STATES = 4_096;
    private static final int MAX_OBJECT_STATES = 20_000;
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
                    if (v.isContainerNode()) structural.add(literalValue(v));
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

    /** An enum/const object or array: its members in the order written, each scalar its own lexeme. */
    private Expr literalValue(JsonNode v) {
        if (!v.isContainerNode()) return token(scalarBody(v));
        List<Expr> items = new ArrayList<>();
        items.add(punct(v.isObject() ? "{" : "["));
        if (v.isObject()) {
            for (var e : v.properties()) {
                if (items.size() > 1) items.add(punct(","));
                items.add(token(JsonStringLanguage.quoted(Expr.lit(e.getKey()))));
                items.add(punct(":"));
                items.add(literalValue(e.getValue()));
            }
        } else {
            for (JsonNode item : v) {
                if (items.size() > 1) items.add(punct(","));
                items.add(literalValue(item));
            }
        }
        items.add(punct(v.isObject() ? "}" : "]"));
        return Expr.seq(items);
    }

    private Expr numberBody(Shape s, String pointer) {
        NumberRules r = s.numbers();
        boolean integerOnly = !s.types().contains(TypeTag.FRACTION);
        List<BigDecimal> mult = r.multipleOf();
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

    private record Member(Expr expr, boolean required) {}

    private Expr objectExpr(ObjectRules o, String pointer) {
        Set<String> names = new LinkedHashSet<>(o.properties().keySet());
        names.addAll(o.required());
        Set<String> excludedNames = new LinkedHashSet<>(names);
        excludedNames.addAll(o.forbidden());
        List<Member> members = new ArrayList<>();
        for (String name : names) {
            boolean required = o.required().contains(name);
            boolean allowed = !o.forbidden().contains(name)
                    && (o.propertyNames().isTrue() || resolver.validate(TextNode.valueOf(name), o.propertyNames()));
            Expr val = allowed ? value(o.schemaFor(name)) : Expr.nothing();
            if (val instanceof Expr.Nothing) {
                if (required) return Expr.nothing();
                continue;
            }
            members.add(new Member(Expr.seq(token(JsonStringLanguage.quoted(Expr.lit(name))), punct(":"), val), required));
        }
        Expr extra = extraMembers(o, excludedNames, pointer);
        return Expr.seq(punct("{"), memberChain(members, extra, o.minProperties(), o.maxProperties(), pointer), punct("}"));
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
     * States (i, k): members before i decided, k members written (saturating when there is no maximum);
     * k > 0 means the next member needs a comma.
     */
    private Expr memberChain(List<Member> members, Expr extra, int minP, int maxP, String pointer) {
        int n = members.size();
        int cap = maxP >= 0 ? maxP : Math.max(minP, 1);
        if ((long) (n + 1) * (cap + 1) > MAX_OBJECT_STATES) {
            throw new SchemaCompileException(maxP >= 0 ? "maxProperties" : "minProperties", pointer,
                    "object too large to count members (budget exceeded)");
        }
        Expr[] next = new Expr[cap + 1];
        for (int k = cap; k >= 0; k--) {
            List<Expr> opts = new ArrayList<>();
            if (k >= minP) opts.add(Expr.empty());
            if (extra != null && (maxP < 0 || k < maxP)) {
                if (maxP < 0 && k == cap) {
                    opts.clear();
                    opts.add(Expr.star(Expr.seq(punct(","), extra)));
                } else if (next[k + 1] != null) {
                    opts.add(withSeparator(k, extra, next[k + 1]));
                }
            }
            next[k] = opts.isEmpty() ? null : rule(Expr.alt(opts), pointer);
        }
        for (int i = n - 1; i >= 0; i--) {
            Member m = members.get(i);
            Expr[] cur = new Expr[cap + 1];
            for (int k = 0; k <= cap; k++) {
                List<Expr> opts = new ArrayList<>();
                if (maxP < 0 || k < maxP) {
                    Expr after = next[Math.min(k + 1, cap)];
                    if (after != null) opts.add(withSeparator(k, m.expr(), after));
                }
                if (!m.required() && next[k] != null) opts.add(next[k]);
                cur[k] = opts.isEmpty() ? null : rule(Expr.alt(opts), pointer);
            }
            next = cur;
        }
        return next[0] == null ? Expr.nothing() : next[0];
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
