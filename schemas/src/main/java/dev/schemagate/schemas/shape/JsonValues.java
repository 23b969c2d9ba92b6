package dev.schemagate.schemas.shape;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;

/** JSON Schema value semantics: mathematical number equality, unordered object equality. */
public final class JsonValues {
    private JsonValues() {}

    public static BigDecimal decimal(JsonNode n) {
        if (n.isIntegralNumber()) return new BigDecimal(n.bigIntegerValue());
        if (n.isBigDecimal()) return n.decimalValue();
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new ArithmeticException("not a finite number: " + d);
        return new BigDecimal(Double.toString(d));
    }

    public static boolean isFinite(JsonNode n) {
        return !n.isFloatingPointNumber() || Double.isFinite(n.doubleValue());
    }

    public static boolean isIntegral(JsonNode n, boolean spellingMatters) {
        if (n.isIntegralNumber()) return true;
        if (spellingMatters) return false;
        double d = n.doubleValue();
        return !Double.isInfinite(d) && !Double.isNaN(d) && decimal(n).stripTrailingZeros().scale() <= 0;
    }

    public static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (!isFinite(a) || !isFinite(b)) return a.doubleValue() == b.doubleValue();
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) return false;
        if (a.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) return false;
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) return false;
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                JsonNode other = b.get(e.getKey());
                if (other == null || !equal(e.getValue(), other)) return false;
            }
            return true;
        }
        return a.equals(b);
    }
}
