package dev.schemagate.schemas.shape;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Numeric keywords; null bounds are absent. Every {@code multipleOf} in the list applies. */
public record NumberRules(BigDecimal min, boolean minExclusive, BigDecimal max, boolean maxExclusive,
                          List<BigDecimal> multipleOf) {
    public static final NumberRules ANY = new NumberRules(null, false, null, false, List.of());

    public NumberRules {
        multipleOf = List.copyOf(multipleOf);
    }

    public NumberRules and(NumberRules o) {
        BigDecimal lo = min;
        boolean loEx = minExclusive;
        if (o.min != null && (lo == null || o.min.compareTo(lo) > 0)) {
            lo = o.min;
            loEx = o.minExclusive;
        } else if (o.min != null && o.min.compareTo(lo) == 0) {
            loEx |= o.minExclusive;
        }
        BigDecimal hi = max;
        boolean hiEx = maxExclusive;
        if (o.max != null && (hi == null || o.max.compareTo(hi) < 0)) {
            hi = o.max;
            hiEx = o.maxExclusive;
        } else if (o.max != null && o.max.compareTo(hi) == 0) {
            hiEx |= o.maxExclusive;
        }
        List<BigDecimal> mult = new ArrayList<>(multipleOf);
        mult.addAll(o.multipleOf);
        return new NumberRules(lo, loEx, hi, hiEx, mult);
    }

    public boolean accepts(BigDecimal v) {
        if (min != null && (minExclusive ? v.compareTo(min) <= 0 : v.compareTo(min) < 0)) return false;
        if (max != null && (maxExclusive ? v.compareTo(max) >= 0 : v.compareTo(max) > 0)) return false;
        for (BigDecimal m : multipleOf) {
            if (v.remainder(m).signum() != 0) return false;
        }
        return true;
    }

    /** Whether no value at all (integral values only, when {@code integer}) lies within the bounds. */
    public boolean isEmpty(boolean integer) {
        if (min == null || max == null) return false;
        BigDecimal lo = min, hi = max;
        if (integer) {
            lo = minExclusive ? min.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE) : min.setScale(0, RoundingMode.CEILING);
            hi = maxExclusive ? max.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE) : max.setScale(0, RoundingMode.FLOOR);
            return lo.compareTo(hi) > 0;
        }
        int c = lo.compareTo(hi);
        return c > 0 || (c == 0 && (minExclusive || maxExclusive));
    }
}
