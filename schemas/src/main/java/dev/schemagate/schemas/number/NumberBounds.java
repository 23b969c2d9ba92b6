package dev.schemagate.schemas.number;

import java.math.BigDecimal;

/**
 * Numeric constraints of one JSON Schema number/integer position. A null bound is absent; {@code multipleOf}
 * null means none; {@code integer} restricts to integral values (which JSON may still spell {@code 1.0}).
 */
public record NumberBounds(BigDecimal min, boolean minExclusive, BigDecimal max, boolean maxExclusive,
                           BigDecimal multipleOf, boolean integer) {
    public static final NumberBounds ANY_NUMBER = new NumberBounds(null, false, null, false, null, false);
    public static final NumberBounds ANY_INTEGER = new NumberBounds(null, false, null, false, null, true);
}
