package dev.schemagate.schemas.shape;

import dev.schemagate.schemas.SchemaCompileException;
import dev.schemagate.schemas.document.Conj;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Object keywords. {@code propertyNames} is {@link Conj#TRUE} when absent; {@code forbidden} are names
 * that must not occur (from {@code not: {required: [...]}}); counts use -1 for "no maximum".
 */
public record ObjectRules(Map<String, Conj> properties, Set<String> required, List<PatternRule> patterns,
                          Conj additional, Conj propertyNames, int minProperties, int maxProperties,
                          Set<String> forbidden) {
    public static final ObjectRules ANY =
            new ObjectRules(Map.of(), Set.of(), List.of(), Conj.TRUE, Conj.TRUE, 0, -1, Set.of());

    public ObjectRules {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        required = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(required));
        patterns = List.copyOf(patterns);
        forbidden = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(forbidden));
    }

    /** The schema the value of member {@code name} must satisfy (before propertyNames/forbidden checks). */
    public Conj schemaFor(String name) {
        Conj declared = properties.get(name);
        Conj out = declared == null ? Conj.TRUE : declared;
        boolean matched = false;
        for (PatternRule p : patterns) {
            if (p.matches(name)) {
                out = out.and(p.schema());
                matched = true;
            }
        }
        return declared == null && !matched ? additional : out;
    }

    /**
     * Conjunction. Pattern properties of one side meet the other side's additionalProperties for the same
     * keys, which we can only express when that side's additionalProperties is trivially true.
     */
    public ObjectRules and(ObjectRules o, String pointer) {
        if (!patterns.isEmpty() && !o.patterns.isEmpty() && !patterns.equals(o.patterns)
                || !patterns.isEmpty() && !o.additional.isTrue() && !o.patterns.equals(patterns)
                || !o.patterns.isEmpty() && !additional.isTrue() && !o.patterns.equals(patterns)) {
            throw new SchemaCompileException("patternProperties", pointer,
                    "cannot intersect patternProperties with another schema's object keywords");
        }
        Map<String, Conj> props = new LinkedHashMap<>();
        for (String k : properties.keySet()) props.put(k, schemaFor(k).and(o.schemaFor(k)));
        for (String k : o.properties.keySet()) props.putIfAbsent(k, schemaFor(k).and(o.schemaFor(k)));
        Set<String> req = new LinkedHashSet<>(required);
        req.addAll(o.required);
        Set<String> forb = new LinkedHashSet<>(forbidden);
        forb.addAll(o.forbidden);
        List<PatternRule> pats = patterns.isEmpty() ? o.patterns : patterns;
        return new ObjectRules(props, req, pats, additional.and(o.additional), propertyNames.and(o.propertyNames),
                Math.max(minProperties, o.minProperties), Bounds.minOfMax(maxProperties, o.maxProperties), forb);
    }

    public boolean isEmpty() {
        if (maxProperties >= 0 && (minProperties > maxProperties || required.size() > maxProperties)) return true;
        for (String r : required) {
            if (forbidden.contains(r)) return true;
        }
        return false;
    }
}
