package dev.schemagate.schemas.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A conjunction of schema locations: the value must satisfy all of them. It is how merged subschemas stay
 * lazy (children are expanded only when compiled), and its {@link #key()} names one grammar rule.
 */
public record Conj(List<SchemaLoc> parts) {
    public static final Conj TRUE = new Conj(List.of());
    public static final Conj FALSE = new Conj(List.of(SchemaLoc.FALSE));

    public Conj {
        Map<String, SchemaLoc> distinct = new LinkedHashMap<>();
        for (SchemaLoc p : parts) {
            if (!(p.node().isBoolean() && p.node().booleanValue())) distinct.putIfAbsent(p.pointer(), p);
        }
        parts = List.copyOf(distinct.values());
    }

    public static Conj of(SchemaLoc loc) {
        return new Conj(List.of(loc));
    }

    public Conj and(Conj other) {
        if (other.parts.isEmpty()) return this;
        if (parts.isEmpty()) return other;
        List<SchemaLoc> all = new ArrayList<>(parts);
        all.addAll(other.parts);
        return new Conj(all);
    }

    public boolean isTrue() {
        return parts.isEmpty();
    }

    /** Syntactically false: contains a {@code false} schema. */
    public boolean isFalse() {
        return parts.stream().anyMatch(SchemaLoc::isFalse);
    }

    /** Order-independent identity: the sorted pointers ({@code <true>} for the empty conjunction). */
    public String key() {
        if (parts.isEmpty()) return "<true>";
        TreeSet<String> pointers = new TreeSet<>();
        for (SchemaLoc p : parts) pointers.add(p.pointer());
        return String.join("\u0000", pointers);
    }
}
