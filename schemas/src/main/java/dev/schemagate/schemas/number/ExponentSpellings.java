package dev.schemagate.schemas.number;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Spellings with an exponent ({@code 1e5}, {@code -2.5E-3}). Comparing M×10^E with a bound relates the
 * length of the digits to the value of E, which is not regular, so we accept an exponent spelling only when
 * its sign alone decides the bounds: a zero mantissa (value 0), or a whole sign class (all positive or all
 * negative values) lying inside the bounds.
 */
final class ExponentSpellings {
    /** Integral exponent spellings are recognised up to this many significant fraction digits (repr needs 16). */
    static final int MAX_INTEGRAL_FRACTION_DIGITS = 20;

    private static final Expr EXPONENT_MARK = Expr.cls(CodePointSet.chars("eE"));
    private static final Expr EXPONENT =
            Digits.seq(EXPONENT_MARK, Expr.opt(Expr.cls(CodePointSet.chars("+-"))), Expr.plus(Digits.DIGIT));
    private static final Expr ZERO_MANTISSA = Digits.seq(Expr.opt(Expr.lit("-")), Expr.lit("0"), Digits.ZERO_FRACTION);
    private static final Expr ZERO = Digits.seq(ZERO_MANTISSA, EXPONENT);
    /** Unsigned mantissas with a nonzero digit, any exponent. */
    private static final Expr NONZERO = Digits.seq(
            Digits.alt(
                    Digits.seq(Digits.NONZERO, Expr.star(Digits.DIGIT), Digits.ANY_FRACTION),
                    Digits.seq(Expr.lit("0."), Expr.star(Expr.lit("0")), Digits.NONZERO, Expr.star(Digits.DIGIT))),
            EXPONENT);
    private static final Expr NONZERO_INTEGRAL = nonzeroIntegral();

    private ExponentSpellings() {}

    static Expr of(NumberBounds b) {
        boolean zeroOk = SignClasses.admitsZero(b);
        boolean positiveOk = b.multipleOf() == null && SignClasses.admitsAllPositive(b);
        boolean negativeOk = b.multipleOf() == null && SignClasses.admitsAllNegative(b);
        Expr nonzero = b.integer() ? NONZERO_INTEGRAL : NONZERO;
        return Digits.alt(
                zeroOk ? ZERO : Expr.nothing(),
                positiveOk ? nonzero : Expr.nothing(),
                negativeOk ? Digits.seq(Expr.lit("-"), nonzero) : Expr.nothing());
    }

    /**
     * Unsigned nonzero mantissas times 10^E that are integral because E is at least the number k of
     * significant fraction digits (k up to {@link #MAX_INTEGRAL_FRACTION_DIGITS}). Integral spellings
     * that need a negative exponent ({@code 100e-2}) are not recognised.
     */
    private static Expr nonzeroIntegral() {
        Expr exponentAtLeastZero = Digits.alt(
                Digits.seq(Expr.opt(Expr.lit("+")), Expr.plus(Digits.DIGIT)),
                Digits.seq(Expr.lit("-"), Digits.ZEROS));
        List<Expr> options = new ArrayList<>();
        options.add(Digits.seq(Digits.NONZERO, Expr.star(Digits.DIGIT), Digits.ZERO_FRACTION,
                EXPONENT_MARK, exponentAtLeastZero));
        Expr integerPart = Digits.alt(Digits.seq(Digits.NONZERO, Expr.star(Digits.DIGIT)), Expr.lit("0"));
        for (int k = 1; k <= MAX_INTEGRAL_FRACTION_DIGITS; k++) {
            Expr exponentAtLeastK = Digits.seq(Expr.opt(Expr.lit("+")), Expr.star(Expr.lit("0")),
                    MagnitudeRange.integers(BigInteger.valueOf(k), null));
            options.add(Digits.seq(integerPart, Expr.lit("."), Digits.exactly(k - 1), Digits.NONZERO,
                    Expr.star(Expr.lit("0")), EXPONENT_MARK, exponentAtLeastK));
        }
        return Digits.alt(options);
    }
}
