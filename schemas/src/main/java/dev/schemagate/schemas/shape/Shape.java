package dev.schemagate.schemas.shape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One conjunctive alternative of a schema after applying all its keywords: a value matches when its tag
 * is in {@code types}, it is among {@code enumValues} (null = any), not among {@code excluded}, and it
 * satisfies the rules of its own kind (keywords bind to their type).
 */
public record Shape(Set<TypeTag> types, List<JsonNode> enumValues, List<JsonNode> excluded, StringRules strings,
                    NumberRules numbers, ArrayRules arrays, ObjectRules objects) {
    public static final Shape ANY = new Shape(EnumSet.allOf(TypeTag.class), null, List.of(), StringRules.ANY,
            NumberRules.ANY, ArrayRules.ANY, ObjectRules.ANY);

    public Shape {
        types = types.isEmpty() ? EnumSet.noneOf(TypeTag.class) : EnumSet.copyOf(types);
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
        excluded = List.copyOf(excluded);
    }

    /** The conjunction, or null when it is evidently empty. */
    public Shape and(Shape o, String pointer) {
        Set<TypeTag> t = EnumSet.copyOf(types);
        t.retainAll(o.types);
        List<JsonNode> values = enumValues;
        if (values == null) {
            values = o.enumValues;
        } else if (o.enumValues != null) {
            values = values.stream().filter(v -> o.enumValues.stream().anyMatch(w -> JsonValues.equal(v, w))).toList();
        }
        List<JsonNode> ex = new ArrayList<>(excluded);
        ex.addAll(o.excluded);
        boolean needObjects = t.contains(TypeTag.OBJECT);
        ObjectRules obj = needObjects ? objects.and(o.objects, pointer) : ObjectRules.ANY;
        return new Shape(t, values, ex, strings.and(o.strings), numbers.and(o.numbers), arrays.and(o.arrays), obj)
                .pruned();
    }

    /** Drops the types whose own keywords are evidently unsatisfiable; null if nothing is left. */
    public Shape pruned() {
        Set<TypeTag> t = EnumSet.copyOf(types.isEmpty() ? EnumSet.noneOf(TypeTag.class) : types);
        if (strings.isEmpty()) t.remove(TypeTag.STRING);
        if (arrays.isEmpty()) t.remove(TypeTag.ARRAY);
        if (objects.isEmpty()) t.remove(TypeTag.OBJECT);
        if (numbers.isEmpty(true)) t.remove(TypeTag.INTEGER);
        if (numbers.isEmpty(false)) t.remove(TypeTag.FRACTION);
        if (t.isEmpty() || (enumValues != null && enumValues.isEmpty())) return null;
        return t.equals(types) ? this : new Shape(t, enumValues, excluded, strings, numbers, arrays, objects);
    }
}
