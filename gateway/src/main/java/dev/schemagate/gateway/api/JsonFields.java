package dev.schemagate.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of request fields; a wrong type or range is a 400 naming the field. Absent and null are alike. */
public final class JsonFields {
    private JsonFields() {}

    public static boolean present(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v != null && !v.isNull();
    }

    public static String string(JsonNode body, String field, String fallback) {
        if (!present(body, field)) return fallback;
        JsonNode v = body.get(field);
        if (!v.isTextual()) throw ApiException.invalid(field, "'" + field + "' must be a string, got " + kind(v));
        return v.asText();
    }

    public static String requiredString(JsonNode body, String field) {
        String s = string(body, field, null);
        if (s == null) throw ApiException.invalid(field, "missing_required_parameter", "'" + field + "' is required");
        return s;
    }

    public static boolean bool(JsonNode body, String field, boolean fallback) {
        if (!present(body, field)) return fallback;
        JsonNode v = body.get(field);
        if (!v.isBoolean()) throw ApiException.invalid(field, "'" + field + "' must be a boolean, got " + kind(v));
        return v.asBoolean();
    }

    public static double number(JsonNode body, String field, double fallback, double min, double max) {
        if (!present(body, field)) return fallback;
        JsonNode v = body.get(field);
        if (!v.isNumber()) throw ApiException.invalid(field, "'" + field + "' must be a number, got " + kind(v));
        double d = v.asDouble();
        if (!(d >= min && d <= max)) throw ApiException.invalid(field, "'" + field + "' must be between " + min + " and " + max + ", got " + v);
        return d;
    }

    public static long integer(JsonNode body, String field, long fallback, long min, long max) {
        if (!present(body, field)) return fallback;
        JsonNode v = body.get(field);
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw ApiException.invalid(field, "'" + field + "' must be an integer, got " + kind(v));
        }
        if (!v.canConvertToLong() && v.isIntegralNumber()) {
            throw ApiException.invalid(field, "'" + field + "' must be between " + min + " and " + max + ", got " + v);
        }
        long n = v.asLong();
        if (n < min || n > max) throw ApiException.invalid(field, "'" + field + "' must be between " + min + " and " + max + ", got " + v);
        return n;
    }

    public static JsonNode object(JsonNode body, String field) {
        if (!present(body, field)) return null;
        JsonNode v = body.get(field);
        if (!v.isObject()) throw ApiException.invalid(field, "'" + field + "' must be an object, got " + kind(v));
        return v;
    }

    public static JsonNode array(JsonNode body, String field) {
        if (!present(body, field)) return null;
        JsonNode v = body.get(field);
        if (!v.isArray()) throw ApiException.invalid(field, "'" + field + "' must be an array, got " + kind(v));
        return v;
    }

    /** A string or an array of strings (e.g. {@code stop}). */
    public static List<String> strings(JsonNode body, String field, int maxItems) {
        if (!present(body, field)) return List.of();
        JsonNode v = body.get(field);
        List<String> out = new ArrayList<>();
        if (v.isTextual()) out.add(v.asText());
        else if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isTextual()) throw ApiException.invalid(field, "'" + field + "' must hold strings, got " + kind(item));
                out.add(item.asText());
            }
        } else {
            throw ApiException.invalid(field, "'" + field + "' must be a string or an array of strings, got " + kind(v));
        }
        if (out.size() > maxItems) throw ApiException.invalid(field, "'" + field + "' may hold at most " + maxItems + " items");
        return out;
    }

    public static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            default -> v.getNodeType().toString().toLowerCase();
        };
    }
}
