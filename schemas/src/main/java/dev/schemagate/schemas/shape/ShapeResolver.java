package dev.schemagate.schemas.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.regex.EcmaRegex;
import dev.schemagate.schemas.SchemaCompileException;
import dev.schemagate.schemas.document.Conj;
import dev.schemagate.schemas.document.SchemaDocument;
import dev.schemagate.schemas.document.SchemaLoc;
import dev.schemagate.schemas.format.Formats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns schemas into disjunctions of {@link Shape}s: applies every keyword of a schema object, follows
 * {@code $ref}, merges {@code allOf}, distributes {@code anyOf} and provably exclusive {@code oneOf}, and
 * handles the simple forms of {@code not}. Refuses, naming the keyword, whatever it cannot represent.
 */
public final class ShapeResolver {
    /** Alternatives one schema may expand to before we give up (anyOf/oneOf distribution). */
    private static final int MAX_ALTERNATIVES = 256;
    /** Work units (shape merges, expansions) per compile. */
    private static final long MAX_WORK = 2_000_000;
    private static final int HUGE = 1_000_000_000;

    private static final Set<String> REFUSED = Set.of("contains", "$dynamicRef", "$recursiveRef");
    private static final Set<String> APPLICATORS =
            Set.of("$ref", "allOf", "anyOf", "oneOf", "if", "dependentSchemas", "$dynamicRef", "$recursiveRef");
    /** Keywords that constrain instances; any other member of a schema object is an annotation or unknown. */
    private static final Set<String> CONSTRAINING = Set.of("type", "enum", "const", "minLength", "maxLength",
            "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items",
            "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains", "properties",
            "required", "additionalProperties", "patternProperties", "propertyNames", "minProperties",
            "maxProperties", "dependencies", "dependentRequired", "dependentSchemas", "allOf", "anyOf", "oneOf", "not",
            "if", "then", "else", "$ref", "unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef",
            "nullable", "minContains", "maxContains");

    private final SchemaDocument doc;
    private final Map<String, List<Shape>> memo = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Map<String, Expr> regexCache = new HashMap<>();
    private long work;
    private final boolean closedObjects;

    /**
     * @param closedObjects see {@link dev.schemagate.schemas.JsonSchemaOptions#closedObjects()}; not applied to
     *                      documents with {@code allOf}, where closing each part would shut out the other parts' keys
     */
    public ShapeResolver(SchemaDocument doc, boolean closedObjects) {
        this.doc = doc;
        this.closedObjects = closedObjects && doc.root().node().findParent("allOf") == null;
    }

    public SchemaDocument document() {
        return doc;
    }

    /** The alternatives of a conjunction; empty when it is evidently unsatisfiable. */
    public List<Shape> shapes(Conj conj) {
        String key = conj.key();
        List<Shape> cached = memo.get("&" + key);
        if (cached != null) return cached;
        List<Shape> acc = List.of(Shape.ANY);
        for (SchemaLoc part : conj.parts()) {
            acc = cross(acc, shapesOf(part), part.pointer(), "allOf");
            if (acc.isEmpty()) break;
        }
        memo.put("&" + key, acc);
        return acc;
    }

    private List<Shape> shapesOf(SchemaLoc loc) {
        List<Shape> cached = memo.get(loc.pointer());
        if (cached != null) return cached;
        if (!inProgress.add(loc.pointer())) {
            throw new SchemaCompileException("$ref", loc.pointer(), "reference cycle that never reaches a value");
        }
        try {
            List<Shape> result = expand(loc);
            memo.put(loc.pointer(), result);
            return result;
        } finally {
            inProgress.remove(loc.pointer());
        }
    }

    private List<Shape> expand(SchemaLoc loc) {
        JsonNode n = loc.node();
        spend(1, "$ref", loc);
        if (n.isBoolean()) return n.booleanValue() ? List.of(Shape.ANY) : List.of();
        if (!n.isObject()) throw new SchemaCompileException("schema", loc.pointer(), "a schema must be an object or a boolean");
        SchemaLoc refTarget = null;
        if (n.has("$ref")) {
            JsonNode ref = n.get("$ref");
            if (!ref.isTextual()) throw new SchemaCompileException("$ref", loc.pointer(), "must be a string");
            refTarget = doc.resolve(loc, ref.textValue());
            if (doc.draft().refIgnoresSiblings()) return shapesOf(refTarget);
        }
        refuseUnsupported(loc);
        // own keywords first: merged properties keep the order in which they are written
        Shape own = ownShape(loc);
        List<Shape> acc = own == null ? List.of() : List.of(own);
        if (refTarget != null) acc = cross(acc, shapesOf(refTarget), loc.pointer(), "$ref");
        JsonNode allOf = n.get("allOf");
        if (allOf != null) {
            for (SchemaLoc sub : subschemas(loc, "allOf")) acc = cross(acc, shapesOf(sub), loc.pointer(), "allOf");
        }
        if (n.has("anyOf")) {
            List<Shape> alts = new ArrayList<>();
            for (SchemaLoc sub : subschemas(loc, "anyOf")) alts.addAll(shapesOf(sub));
            acc = cross(acc, alts, loc.pointer(), "anyOf");
        }
        if (n.has("oneOf")) acc = oneOf(acc, loc);
        if (n.has("not")) acc = cross(acc, negate(doc.child(loc, "not")), loc.pointer(), "not");
        return acc;
    }

    private List<SchemaLoc> subschemas(SchemaLoc loc, String keyword) {
        JsonNode list = loc.node().get(keyword);
        if (!list.isArray() || list.isEmpty()) {
            throw new SchemaCompileException(keyword, loc.pointer(), "must be a non-empty array of schemas");
        }
        List<SchemaLoc> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) out.add(doc.child(loc, keyword, Integer.toString(i)));
        return out;
    }

    private List<Shape> oneOf(List<Shape> acc, SchemaLoc loc) {
        List<List<Shape>> branches = new ArrayList<>();
        for (SchemaLoc sub : subschemas(loc, "oneOf")) {
            List<Shape> b = cross(acc, shapesOf(sub), loc.pointer(), "oneOf");
            if (!b.isEmpty()) branches.add(b);
        }
        List<Shape> out = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            for (int j = i + 1; j < branches.size(); j++) {
                for (Shape x : branches.get(i)) {
                    for (Shape y : branches.get(j)) {
                        if (!disjoint(x, y, 0)) {
                            throw new SchemaCompileException("oneOf", loc.pointer(),
                                    "branches " + i + " and " + j + " may both match the same value");
                        }
                    }
                }
            }
            out.addAll(branches.get(i));
        }
        return out;
    }

    private List<Shape> cross(List<Shape> a, List<Shape> b, String pointer, String keyword) {
        if (a.size() == 1 && a.getFirst() == Shape.ANY) return b;
        if (b.size() == 1 && b.getFirst() == Shape.ANY) return a;
        List<Shape> out = new ArrayList<>();
        for (Shape x : a) {
            for (Shape y : b) {
                work++;
                Shape m = x.and(y, pointer);
                if (m != null) out.add(m);
            }
        }
        if (out.size() > MAX_ALTERNATIVES || work > MAX_WORK) {
            throw new SchemaCompileException(keyword, pointer, "expands to too many alternatives (budget exceeded)");
        }
        return out;
    }

    private void spend(int units, String keyword, SchemaLoc loc) {
        work += units;
        if (work > MAX_WORK) throw new SchemaCompileException(keyword, loc.pointer(), "schema too large (budget exceeded)");
    }

    private void refuseUnsupported(SchemaLoc loc) {
        JsonNode n = loc.node();
        for (String k : REFUSED) {
            if (n.has(k)) throw new SchemaCompileException(k, loc.pointer(), "not supported");
        }
        if (n.has("if") && (n.has("then") || n.has("else"))) {
            throw new SchemaCompileException("if", loc.pointer(), "conditional schemas are not supported");
        }
        for (String k : List.of("dependencies", "dependentRequired", "dependentSchemas")) {
            JsonNode v = n.get(k);
            if (v != null && !(v.isObject() && v.isEmpty())) {
                throw new SchemaCompileException(k, loc.pointer(), "not supported");
            }
        }
        JsonNode unique = n.get("uniqueItems");
        if (unique != null && unique.asBoolean(false) && !(n.path("maxItems").isNumber() && n.path("maxItems").asDouble() <= 1)) {
            throw new SchemaCompileException("uniqueItems", loc.pointer(), "not supported");
        }
    }

    /** The shape of the keywords of this schema object alone (no applicators). Null when evidently empty. */
    private Shape ownShape(SchemaLoc loc) {
        JsonNode n = loc.node();
        Set<TypeTag> types = EnumSet.allOf(TypeTag.class);
        JsonNode type = n.get("type");
        if (type != null) {
            types = EnumSet.noneOf(TypeTag.class);
            for (JsonNode t : type.isArray() ? type : List.of(type)) {
                Set<TypeTag> tags = t.isTextual() ? TypeTag.ofTypeName(t.textValue()) : null;
                if (tags == null) throw new SchemaCompileException("type", loc.pointer(), "unknown type " + t);
                types.addAll(tags);
            }
            if (n.path("nullable").asBoolean(false)) types.add(TypeTag.NULL);
        }
        List<JsonNode> values = null;
        if (n.has("enum")) {
            JsonNode e = n.get("enum");
            if (!e.isArray()) throw new SchemaCompileException("enum", loc.pointer(), "must be an array");
            values = new ArrayList<>();
            for (JsonNode v : e) values.add(v);
        }
        if (n.has("const")) {
            JsonNode c = n.get("const");
            values = values == null ? List.of(c) : values.stream().filter(v -> JsonValues.equal(v, c)).toList();
        }
        return new Shape(types, values, List.of(), stringRules(loc), numberRules(loc), arrayRules(loc),
                objectRules(loc)).pruned();
    }

    private StringRules stringRules(SchemaLoc loc) {
        JsonNode n = loc.node();
        List<Expr> langs = new ArrayList<>();
        if (n.has("pattern")) langs.add(regex(loc, "pattern", text(loc, "pattern")));
        if (n.has("format") && n.get("format").isTextual()) {
            String name = n.get("format").textValue();
            try {
                Formats.forName(name).ifPresent(langs::add);
            } catch (GrammarException e) {
                throw new SchemaCompileException("format", loc.pointer(), e.getMessage());
            }
        }
        int max = count(loc, "maxLength", -1);
        return new StringRules(count(loc, "minLength", 0), max >= HUGE ? -1 : max, langs);
    }

    private NumberRules numberRules(SchemaLoc loc) {
        JsonNode n = loc.node();
        NumberRules r = new NumberRules(decimal(loc, "minimum"), false, decimal(loc, "maximum"), false, List.of());
        JsonNode exMin = n.get("exclusiveMinimum");
        if (exMin != null && exMin.isBoolean()) {
            r = new NumberRules(r.min(), exMin.booleanValue() && r.min() != null, r.max(), r.maxExclusive(), List.of());
        } else if (exMin != null) {
            r = r.and(new NumberRules(decimal(loc, "exclusiveMinimum"), true, null, false, List.of()));
        }
        JsonNode exMax = n.get("exclusiveMaximum");
        if (exMax != null && exMax.isBoolean()) {
            r = new NumberRules(r.min(), r.minExclusive(), r.max(), exMax.booleanValue() && r.max() != null, List.of());
        } else if (exMax != null) {
            r = r.and(new NumberRules(null, false, decimal(loc, "exclusiveMaximum"), true, List.of()));
        }
        BigDecimal m = decimal(loc, "multipleOf");
        if (m != null) {
            if (m.signum() <= 0) throw new SchemaCompileException("multipleOf", loc.pointer(), "must be positive");
            r = r.and(new NumberRules(null, false, null, false, List.of(m)));
        }
        return r;
    }

    private ArrayRules arrayRules(SchemaLoc loc) {
        JsonNode n = loc.node();
        List<Conj> prefix = new ArrayList<>();
        Conj items = Conj.TRUE;
        JsonNode itemsNode = n.get("items");
        boolean tailEvaluated = itemsNode != null && !itemsNode.isArray();
        if (n.has("prefixItems")) {
            for (SchemaLoc s : subschemasAllowEmpty(loc, "prefixItems")) prefix.add(Conj.of(s));
            if (itemsNode != null && !itemsNode.isArray()) items = Conj.of(doc.child(loc, "items"));
        } else if (itemsNode != null && itemsNode.isArray()) {
            for (SchemaLoc s : subschemasAllowEmpty(loc, "items")) prefix.add(Conj.of(s));
            if (n.has("additionalItems")) {
                items = Conj.of(doc.child(loc, "additionalItems"));
                tailEvaluated = true;
            }
        } else if (itemsNode != null) {
            items = Conj.of(doc.child(loc, "items"));
        }
        JsonNode unevaluated = n.get("unevaluatedItems");
        if (unevaluated != null && !(unevaluated.isBoolean() && unevaluated.booleanValue()) && !tailEvaluated) {
            refuseWithApplicators(loc, "unevaluatedItems");
            items = Conj.of(doc.child(loc, "unevaluatedItems"));
        }
        int max = count(loc, "maxItems", -1);
        return new ArrayRules(prefix, items, count(loc, "minItems", 0), max);
    }

    private List<SchemaLoc> subschemasAllowEmpty(SchemaLoc loc, String keyword) {
        List<SchemaLoc> out = new ArrayList<>();
        JsonNode list = loc.node().get(keyword);
        for (int i = 0; i < list.size(); i++) out.add(doc.child(loc, keyword, Integer.toString(i)));
        return out;
    }

    private void refuseWithApplicators(SchemaLoc loc, String keyword) {
        for (String a : APPLICATORS) {
            if (loc.node().has(a)) {
                throw new SchemaCompileException(keyword, loc.pointer(), "not supported together with " + a);
            }
        }
    }

    private ObjectRules objectRules(SchemaLoc loc) {
        JsonNode n = loc.node();
        Map<String, Conj> props = new LinkedHashMap<>();
        JsonNode p = n.get("properties");
        if (p != null) {
            if (!p.isObject()) throw new SchemaCompileException("properties", loc.pointer(), "must be an object");
            for (var e : p.properties()) props.put(e.getKey(), Conj.of(doc.child(loc, "properties", e.getKey())));
        }
        Set<String> required = new LinkedHashSet<>();
        JsonNode r = n.get("required");
        if (r != null && r.isArray()) {
            for (JsonNode name : r) {
                if (!name.isTextual()) throw new SchemaCompileException("required", loc.pointer(), "names must be strings");
                required.add(name.textValue());
            }
        }
        List<PatternRule> patterns = new ArrayList<>();
        JsonNode pp = n.get("patternProperties");
        if (pp != null) {
            if (!pp.isObject()) throw new SchemaCompileException("patternProperties", loc.pointer(), "must be an object");
            for (var e : pp.properties()) {
                patterns.add(new PatternRule(e.getKey(), regex(loc, "patternProperties", e.getKey()),
                        Conj.of(doc.child(loc, "patternProperties", e.getKey()))));
            }
        }
        Conj additional = n.has("additionalProperties") ? Conj.of(doc.child(loc, "additionalProperties"))
                : closedObjects && n.has("properties") && !n.has("patternProperties") && !n.has("$ref") ? Conj.FALSE : Conj.TRUE;
        JsonNode unevaluated = n.get("unevaluatedProperties");
        if (unevaluated != null && !(unevaluated.isBoolean() && unevaluated.booleanValue())
                && !n.has("additionalProperties")) {
            refuseWithApplicators(loc, "unevaluatedProperties");
            additional = Conj.of(doc.child(loc, "unevaluatedProperties"));
        }
        Conj names = n.has("propertyNames") ? Conj.of(doc.child(loc, "propertyNames")) : Conj.TRUE;
        return new ObjectRules(props, required, patterns, additional, names, count(loc, "minProperties", 0),
                count(loc, "maxProperties", -1), Set.of());
    }

    /** The complement of a subschema, in the simple forms we can represent; refuses the others. */
    private List<Shape> negate(SchemaLoc sub) {
        JsonNode n = sub.node();
        if (n.isBoolean()) return n.booleanValue() ? List.of() : List.of(Shape.ANY);
        if (!n.isObject()) throw new SchemaCompileException("not", sub.pointer(), "a schema must be an object or a boolean");
        Set<String> keys = new HashSet<>();
        n.fieldNames().forEachRemaining(k -> {
            if (CONSTRAINING.contains(k)) keys.add(k);
        });
        if (keys.isEmpty()) return List.of();
        if (keys.equals(Set.of("$ref")) || keys.contains("$ref") && doc.draft().refIgnoresSiblings()) {
            return negate(doc.resolve(sub, n.get("$ref").textValue()));
        }
        if (keys.equals(Set.of("type"))) {
            Shape positive = ownShape(sub);
            Set<TypeTag> rest = EnumSet.allOf(TypeTag.class);
            if (positive != null) rest.removeAll(positive.types());
            if (rest.isEmpty()) return List.of();
            return List.of(new Shape(rest, null, List.of(), StringRules.ANY, NumberRules.ANY, ArrayRules.ANY, ObjectRules.ANY));
        }
        if (Set.of("enum", "const").containsAll(keys)) {
            Shape positive = ownShape(sub);
            List<JsonNode> values = positive == null || positive.enumValues() == null ? List.of() : positive.enumValues();
            for (JsonNode v : values) {
                if (v.isContainerNode()) {
                    throw new SchemaCompileException("not", sub.pointer(), "excluding object or array values is not supported");
                }
            }
            return List.of(new Shape(EnumSet.allOf(TypeTag.class), null, values, StringRules.ANY, NumberRules.ANY,
                    ArrayRules.ANY, ObjectRules.ANY));
        }
        if (keys.equals(Set.of("required")) && n.get("required").isArray() && n.get("required").size() == 1
                && n.get("required").get(0).isTextual()) {
            ObjectRules forbid = new ObjectRules(Map.of(), Set.of(), List.of(), Conj.TRUE, Conj.TRUE, 0, -1,
                    Set.of(n.get("required").get(0).textValue()));
            return List.of(new Shape(EnumSet.allOf(TypeTag.class), null, List.of(), StringRules.ANY, NumberRules.ANY,
                    ArrayRules.ANY, forbid));
        }
        if (keys.equals(Set.of("anyOf"))) {
            List<Shape> acc = List.of(Shape.ANY);
            for (SchemaLoc s : subschemas(sub, "anyOf")) acc = cross(acc, negate(s), sub.pointer(), "not");
            return acc;
        }
        if (keys.equals(Set.of("not"))) return shapesOf(doc.child(sub, "not"));
        throw new SchemaCompileException("not", sub.pointer(), "only negations of type, enum/const, one required "
                + "name, anyOf or not are supported");
    }

    /**
     * Sound test that no value matches both shapes: different kinds, enum values the other side rejects,
     * or a required member whose values cannot match on both sides.
     */
    private boolean disjoint(Shape x, Shape y, int depth) {
        if (x.enumValues() != null) return x.enumValues().stream().noneMatch(v -> accepts(x, v) && accepts(y, v));
        if (y.enumValues() != null) return disjoint(y, x, depth);
        Set<TypeTag> common = EnumSet.copyOf(x.types());
        common.retainAll(y.types());
        for (TypeTag t : common) {
            if (t != TypeTag.OBJECT || depth > 3 || !objectsDisjoint(x.objects(), y.objects(), depth)) return false;
        }
        return true;
    }

    private boolean objectsDisjoint(ObjectRules a, ObjectRules b, int depth) {
        for (int side = 0; side < 2; side++) {
            ObjectRules p = side == 0 ? a : b, q = side == 0 ? b : a;
            for (String name : p.required()) {
                if (q.forbidden().contains(name) || !memberNameAllowed(q, name)) return true;
                List<Shape> qs = shapes(q.schemaFor(name));
                if (qs.isEmpty()) return true;
                if (!q.required().contains(name)) continue;
                List<Shape> ps = shapes(p.schemaFor(name));
                boolean allDisjoint = true;
                for (Shape s : ps) {
                    for (Shape t : qs) allDisjoint &= disjoint(s, t, depth + 1);
                }
                if (allDisjoint) return true;
            }
        }
        return false;
    }

    private boolean memberNameAllowed(ObjectRules o, String name) {
        return o.propertyNames().isTrue() || validate(TextNode.valueOf(name), o.propertyNames());
    }

    /** Whether {@code value} is valid against the conjunction (used on enum values and literal names). */
    public boolean validate(JsonNode value, Conj conj) {
        for (Shape s : shapes(conj)) {
            if (accepts(s, value)) return true;
        }
        return false;
    }

    public boolean accepts(Shape s, JsonNode v) {
        TypeTag tag = tagOf(v);
        if (tag == null || !s.types().contains(tag)) return false;
        if (s.enumValues() != null && s.enumValues().stream().noneMatch(w -> JsonValues.equal(v, w))) return false;
        if (s.excluded().stream().anyMatch(w -> JsonValues.equal(v, w))) return false;
        return switch (tag) {
            case STRING -> {
                String str = v.textValue();
                int len = str.codePointCount(0, str.length());
                StringRules r = s.strings();
                yield len >= r.minLength() && (r.maxLength() < 0 || len <= r.maxLength())
                        && r.languages().stream().allMatch(l -> ReferenceRecognizer.matches(l, str));
            }
            case INTEGER, FRACTION -> s.numbers().accepts(JsonValues.decimal(v));
            case ARRAY -> {
                ArrayRules r = s.arrays();
                if (v.size() < r.minItems() || (r.maxItems() >= 0 && v.size() > r.maxItems())) yield false;
                for (int i = 0; i < v.size(); i++) {
                    if (!validate(v.get(i), r.itemAt(i))) yield false;
                }
                yield true;
            }
            case OBJECT -> {
                ObjectRules r = s.objects();
                if (v.size() < r.minProperties() || (r.maxProperties() >= 0 && v.size() > r.maxProperties())) yield false;
                for (String req : r.required()) {
                    if (!v.has(req)) yield false;
                }
                for (var e : v.properties()) {
                    if (r.forbidden().contains(e.getKey()) || !memberNameAllowed(r, e.getKey())
                            || !validate(e.getValue(), r.schemaFor(e.getKey()))) {
                        yield false;
                    }
                }
                yield true;
            }
            case NULL, BOOLEAN -> true;
        };
    }

    public TypeTag tagOf(JsonNode v) {
        if (v.isNull()) return TypeTag.NULL;
        if (v.isBoolean()) return TypeTag.BOOLEAN;
        if (v.isTextual()) return TypeTag.STRING;
        if (v.isArray()) return TypeTag.ARRAY;
        if (v.isObject()) return TypeTag.OBJECT;
        if (v.isNumber()) {
            if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) return null;
            return JsonValues.isIntegral(v, doc.draft().integerNeedsIntegerSpelling()) ? TypeTag.INTEGER : TypeTag.FRACTION;
        }
        return null;
    }

    private Expr regex(SchemaLoc loc, String keyword, String source) {
        Expr cached = regexCache.get(source);
        if (cached != null) return cached;
        try {
            Expr lang = EcmaRegex.search(source);
            regexCache.put(source, lang);
            return lang;
        } catch (GrammarException e) {
            throw new SchemaCompileException(keyword, loc.pointer(), e.getMessage());
        }
    }

    private static String text(SchemaLoc loc, String keyword) {
        JsonNode v = loc.node().get(keyword);
        if (!v.isTextual()) throw new SchemaCompileException(keyword, loc.pointer(), "must be a string");
        return v.textValue();
    }

    private static BigDecimal decimal(SchemaLoc loc, String keyword) {
        JsonNode v = loc.node().get(keyword);
        if (v == null) return null;
        if (!v.isNumber() || (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue()))) {
            throw new SchemaCompileException(keyword, loc.pointer(), "must be a number");
        }
        return JsonValues.decimal(v);
    }

    /** A non-negative count keyword (2.0 allowed), or {@code absent}; huge values saturate. */
    private static int count(SchemaLoc loc, String keyword, int absent) {
        JsonNode v = loc.node().get(keyword);
        if (v == null) return absent;
        BigDecimal d = v.isNumber() ? JsonValues.decimal(v) : null;
        if (d == null || d.signum() < 0 || d.stripTrailingZeros().scale() > 0) {
            throw new SchemaCompileException(keyword, loc.pointer(), "must be a non-negative integer");
        }
        return d.compareTo(BigDecimal.valueOf(HUGE)) >= 0 ? HUGE : d.intValueExact();
    }
}
