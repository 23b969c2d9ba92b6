package dev.schemagate.schemas.number;

import dev.schemagate.grammar.Expr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Unsigned plain decimal spellings {@code (0|[1-9][0-9]*)(\.[0-9]+)?} whose value lies in an interval of
 * non-negative numbers, built digit by digit (integer part by length and leading digits, fraction by
 * comparison with the bound's digits), so every spelling of every value in range is accepted and nothing else.
 *
 * @param low lower end, at least 0
 * @param high upper end, or null for none
 */
record MagnitudeRange(BigDecimal low, boolean lowInclusive, BigDecimal high, boolean highInclusive) {

    boolean isEmpty() {
        if (high == null) return false;
        int c = low.compareTo(high);
        return c > 0 || (c == 0 && !(lowInclusive && highInclusive));
    }

    /** All spellings of values in the range. */
    Expr decimals() {
        if (isEmpty()) return Expr.nothing();
        BigInteger lowInt = low.toBigInteger();
        FractionBound lowFraction = new FractionBound(fractionDigits(low), lowInclusive);
        if (high == null) {
            return Digits.alt(
                    Digits.seq(Expr.lit(lowInt.toString()), fractionPart(lowFraction, null)),
                    Digits.seq(integers(lowInt.add(BigInteger.ONE), null), Digits.ANY_FRACTION));
        }
        BigInteger highInt = high.toBigInteger();
        FractionBound highFraction = new FractionBound(fractionDigits(high), highInclusive);
        if (lowInt.equals(highInt)) {
            return Digits.seq(Expr.lit(lowInt.toString()), fractionPart(lowFraction, highFraction));
        }
        return Digits.alt(
                Digits.seq(Expr.lit(lowInt.toString()), fractionPart(lowFraction, null)),
                Digits.seq(integers(lowInt.add(BigInteger.ONE), highInt.subtract(BigInteger.ONE)), Digits.ANY_FRACTION),
                Digits.seq(Expr.lit(highInt.toString()), fractionPart(null, highFraction)));
    }

    /** Spellings of the integral values in the range; the fraction, if spelled, is all zeros. */
    Expr integrals() {
        if (isEmpty()) return Expr.nothing();
        BigInteger from = lowInclusive
                ? low.setScale(0, RoundingMode.CEILING).toBigIntegerExact()
                : low.setScale(0, RoundingMode.FLOOR).toBigIntegerExact().add(BigInteger.ONE);
        BigInteger to = high == null ? null : highInclusive
                ? high.setScale(0, RoundingMode.FLOOR).toBigIntegerExact()
                : high.setScale(0, RoundingMode.CEILING).toBigIntegerExact().subtract(BigInteger.ONE);
        return Digits.seq(integers(from, to), Digits.ZERO_FRACTION);
    }

    /** Digits after the decimal point of a non-negative number, without trailing zeros ("" for an integer). */
    private static String fractionDigits(BigDecimal v) {
        BigDecimal f = v.subtract(new BigDecimal(v.toBigInteger()));
        if (f.signum() == 0) return "";
        String plain = f.stripTrailingZeros().toPlainString();
        return plain.substring(plain.indexOf('.') + 1);
    }

    /** Canonical integer spellings (no leading zeros) of {@code from..to}; {@code to} null means unbounded. */
    static Expr integers(BigInteger from, BigInteger to) {
        if (from.signum() < 0) from = BigInteger.ZERO;
        if (to != null && from.compareTo(to) > 0) return Expr.nothing();
        String a = from.toString();
        int la = a.length();
        if (to == null) {
            return Digits.alt(sameLength(a, "9".repeat(la)),
                    Digits.seq(Digits.NONZERO, Expr.repeat(Digits.DIGIT, la, Expr.UNBOUNDED)));
        }
        String b = to.toString();
        int lb = b.length();
        if (la == lb) return sameLength(a, b);
        return Digits.alt(
                sameLength(a, "9".repeat(la)),
                lb - la >= 2 ? Digits.seq(Digits.NONZERO, Expr.repeat(Digits.DIGIT, la, lb - 2)) : Expr.nothing(),
                sameLength("1" + "0".repeat(lb - 1), b));
    }

    /** Digit strings of one length between {@code lo} and {@code hi} inclusive (classic range-to-digits split). */
    private static Expr sameLength(String lo, String hi) {
        int n = lo.length();
        if (n == 0) return Expr.empty();
        if (isAll(lo, '0') && isAll(hi, '9')) return Digits.exactly(n);
        int l = lo.charAt(0) - '0', h = hi.charAt(0) - '0';
        String loRest = lo.substring(1), hiRest = hi.substring(1);
        if (l == h) return Digits.seq(Digits.digit(l), sameLength(loRest, hiRest));
        boolean loFree = isAll(loRest, '0'), hiFree = isAll(hiRest, '9');
        return Digits.alt(
                loFree ? Expr.nothing() : Digits.seq(Digits.digit(l), sameLength(loRest, "9".repeat(n - 1))),
                Digits.seq(Digits.range(loFree ? l : l + 1, hiFree ? h : h - 1), Digits.exactly(n - 1)),
                hiFree ? Expr.nothing() : Digits.seq(Digits.digit(h), sameLength("0".repeat(n - 1), hiRest)));
    }

    private static boolean isAll(String s, char c) {
        return s.chars().allMatch(x -> x == c);
    }

    /**
     * A bound on the fraction 0.D: {@code digits} are the bound's remaining digits (no trailing zeros; "" is 0).
     */
    private record FractionBound(String digits, boolean inclusive) {
        int first() {
            return digits.isEmpty() ? 0 : digits.charAt(0) - '0';
        }

        FractionBound rest() {
            return digits.isEmpty() ? this : new FractionBound(digits.substring(1), inclusive);
        }
    }

    /** The optional fraction ({@code ""} or {@code .D}) after an integer part equal to the bounds' integer parts. */
    private static Expr fractionPart(FractionBound lo, FractionBound hi) {
        FractionTail t = fraction(lo, hi);
        return Digits.alt(t.emptyOk() ? Expr.empty() : Expr.nothing(), Digits.seq(Expr.lit("."), t.nonEmpty()));
    }

    /** Digit strings D (missing digits read as 0) with lo ≤ 0.D ≤ hi, strictness per bound; null = no bound. */
    private static FractionTail fraction(FractionBound lo, FractionBound hi) {
        if (lo != null && lo.digits().isEmpty() && lo.inclusive()) lo = null;
        if (lo == null && hi == null) return new FractionTail(true, Expr.plus(Digits.DIGIT));
        if (hi != null && hi.digits().isEmpty()) {
            // D ≤ 0 leaves only zeros, and only when 0 itself is allowed
            return lo == null && hi.inclusive() ? new FractionTail(true, Digits.ZEROS) : FractionTail.NONE;
        }
        if (lo != null && lo.digits().isEmpty() && hi == null) {
            // D > 0: some nonzero digit
            return new FractionTail(false, Digits.seq(Expr.star(Expr.lit("0")), Digits.NONZERO, Expr.star(Digits.DIGIT)));
        }
        // An empty rest reads as 0: below any remaining lower bound, below any nonzero upper bound.
        boolean emptyOk = lo == null;
        int l = lo == null ? 0 : lo.first();
        int h = hi == null ? 9 : hi.first();
        List<Expr> options = new ArrayList<>();
        options.add(Digits.seq(Digits.range(lo == null ? 0 : l + 1, hi == null ? 9 : h - 1), Expr.star(Digits.DIGIT)));
        if (lo != null) {
            FractionBound hiAfter = hi != null && h == l ? hi.rest() : null;
            options.add(Digits.seq(Digits.digit(l), fraction(lo.rest(), hiAfter).full()));
        }
        if (hi != null && (lo == null || h != l)) {
            options.add(Digits.seq(Digits.digit(h), fraction(null, hi.rest()).full()));
        }
        return new FractionTail(emptyOk, Digits.alt(options));
    }
}
