package dev.schemagate.schemas.shape;

import java.util.EnumSet;
import java.util.Set;

/** JSON value kinds, with numbers split so that {@code integer} and {@code number} are plain sets of tags. */
public enum TypeTag {
    NULL, BOOLEAN, OBJECT, ARRAY, STRING, INTEGER, FRACTION;

    /** The tags of a JSON Schema type name, or null for an unknown name. */
    public static Set<TypeTag> ofTypeName(String name) {
        return switch (name) {
            case "null" -> EnumSet.of(NULL);
            case "boolean" -> EnumSet.of(BOOLEAN);
            case "object" -> EnumSet.of(OBJECT);
            case "array" -> EnumSet.of(ARRAY);
            case "string" -> EnumSet.of(STRING);
            case "integer" -> EnumSet.of(INTEGER);
            case "number" -> EnumSet.of(INTEGER, FRACTION);
            case "any" -> EnumSet.allOf(TypeTag.class);
            default -> null;
        };
    }
}
