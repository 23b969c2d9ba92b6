package dev.schemagate.schemas.number;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.GrammarException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact digit-level regular languages of JSON number spellings whose values satisfy {@link NumberBounds}.
 *
 * <p>Plain spellings (no exponent) are exact: every in-range value with any number of fraction digits, and
 * nothing else. Spellings with an exponent are accepted only where their sign decides the bounds (see
 * {@link ExponentSpellings}); with {@code multipleOf} only a zero mantissa keeps its exponent. A value
 * outside the bounds is never accepted in any spelling.
 */
public final class NumberLanguage {
    /** Digit positions (integer plus fraction digits) of a bound or step beyond which we refuse. */
    static final int MAX_DIGIT_POSITIONS = 1000;

    private NumberLanguage() {}

    public static Expr of(NumberBounds bounds) {
        checkDigits("minimum", bounds.min());
        checkDigits("maximum", bounds.max());
        Expr multiples = bounds.multipleOf() == null ? null : MultipleOfLanguage.of(bounds.multipleOf());
        if (!hasAllowedValue(bounds)) return Expr.nothing();
        boolean unbounded = bounds.min() == null && bounds.max() == null && !bounds.integer();
        Expr plain;
        if (multiples != null && unbounded) {
            plain = multiples;
        } else {
            plain = Digits.alt(nonNegative(bounds), Digits.seq(Expr.lit("-"), negative(bounds)));
            if (multiples != null) plain = Expr.and(plain, multiples);
        }
        return Digits.alt(plain, ExponentSpellings.of(bounds));
    }

    /** Expressions grow with the digits of a bound, so absurdly long ones (1e100000) are refused. */
    private static void checkDigits(String keyword, BigDecimal bound) {
        if (bound == null || bound.signum() == 0) return;
        BigDecimal b = bound.stripTrailingZeros();
        long positions = Math.max(b.precision() - (long) b.scale(), 1) + Math.max(b.scale(), 0);
        if (positions > MAX_DIGIT_POSITIONS) {
            throw new GrammarException(keyword + " " + bound + " has more than " + MAX_DIGIT_POSITIONS + " digit positions");
        }
    }

    /** Spellings without "-": magnitudes in [max(min, 0), max]. */
    private static Expr nonNegative(NumberBounds b) {
        boolean fromZero = b.min() == null || b.min().signum() < 0;
        MagnitudeRange range = new MagnitudeRange(
                fromZero ? BigDecimal.ZERO : b.min(), fromZero || !b.minExclusive(),
                b.max(), !b.maxExclusive());
        return b.integer() ? range.integrals() : range.decimals();
    }

    /** Magnitudes M of spellings "-M" (value -M): M in [max(-max, 0), -min]. */
    private static Expr negative(NumberBounds b) {
        boolean fromZero = b.max() == null || b.max().signum() > 0;
        MagnitudeRange range = new MagnitudeRange(
                fromZero ? BigDecimal.ZERO : b.max().negate(), fromZero || !b.maxExclusive(),
                b.min() == null ? null : b.min().negate(), !b.minExclusive());
        if (range.high() != null && range.high().signum() < 0) return Expr.nothing();
        return b.integer() ? range.integrals() : range.decimals();
    }

    /**
     * Whether some value satisfies the bounds, the integrality and the multipleOf (a multiple of the step
     * lies in the range), so an unsatisfiable position compiles to Nothing rather than an empty And.
     */
    private static boolean hasAllowedValue(NumberBounds b) {
        BigDecimal step = b.multipleOf();
        if (b.integer()) step = step == null ? BigDecimal.ONE : integralStep(step);
        if (step == null) {
            if (b.min() == null || b.max() == null) return true;
            int c = b.min().compareTo(b.max());
            return c < 0 || (c == 0 && !b.minExclusive() && !b.maxExclusive());
        }
        if (b.min() == null || b.max() == null) return true;
        BigInteger first = b.min().divide(step, 0, RoundingMode.CEILING).toBigIntegerExact();
        if (b.minExclusive() && step.multiply(new BigDecimal(first)).compareTo(b.min()) == 0) {
            first = first.add(BigInteger.ONE);
        }
        int c = step.multiply(new BigDecimal(first)).compareTo(b.max());
        return c < 0 || (c == 0 && !b.maxExclusive());
    }

    /** The least positive integral multiple of {@code m}: the numerator of m in lowest terms. */
    private static BigDecimal integralStep(BigDecimal m) {
        BigDecimal stripped = m.stripTrailingZeros();
        if (stripped.scale() <= 0) return stripped;
        BigInteger numerator = stripped.unscaledValue();
        BigInteger denominator = BigInteger.TEN.pow(stripped.scale());
        return new BigDecimal(numerator.divide(numerator.gcd(denominator)));
    }
}
