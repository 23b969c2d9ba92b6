package dev.schemagate.schemas.number;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.GrammarException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Plain decimal spellings {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} of the multiples of {@code g^r * 10^s}
 * (g = 2 or 5). A value is such a multiple exactly when its digits below 10^s are zero and its digits at
 * 10^s .. 10^(s+r-1) (the window, missing digits read as 0) form a multiple of g^r: both are properties of
 * digits at fixed positions from the decimal point, so the language is built over those positions while
 * tracking the window's residue.
 */
final class MultipleOfLanguage {
    /** Limits on the digit positions and the expression size we build; beyond them we refuse. */
    private static final int MAX_WINDOW = 20;
    private static final int MAX_STATES = 20_000;
    private static final long MAX_TREE_SIZE = 200_000;

    /** A digit position (power of ten) and the window residue accumulated above it. */
    private record State(int exponent, long residue) {}

    private final BigDecimal multipleOf;
    private final int s;
    private final int r;
    private final long modulus;
    private final Map<State, Expr> integerTails = new HashMap<>();
    private final Map<State, FractionTail> fractionTails = new HashMap<>();

    private MultipleOfLanguage(BigDecimal multipleOf, int s, int r, long modulus) {
        this.multipleOf = multipleOf;
        this.s = s;
        this.r = r;
        this.modulus = modulus;
    }

    static Expr of(BigDecimal multipleOf) {
        if (multipleOf.signum() <= 0) throw new GrammarException("multipleOf must be greater than 0, got " + multipleOf);
        BigDecimal m = multipleOf.stripTrailingZeros();
        BigInteger a = m.unscaledValue();
        int g = a.mod(BigInteger.TWO).signum() == 0 ? 2 : 5;
        int r = 0;
        BigInteger rest = a;
        BigInteger big = BigInteger.valueOf(g);
        while (rest.mod(big).signum() == 0) {
            rest = rest.divide(big);
            r++;
        }
        if (!rest.equals(BigInteger.ONE)) {
            throw refused(multipleOf, "only a*10^k with a dividing a power of 10 (such as 1, 2, 5, 25, 0.01, 0.5)");
        }
        int s = -m.scale();
        if (Math.abs((long) s) + r > NumberLanguage.MAX_DIGIT_POSITIONS) {
            throw refused(multipleOf, "too many digit positions");
        }
        if (r > MAX_WINDOW) throw refused(multipleOf, "the factor " + a + " needs too large a digit pattern");
        long modulus = big.pow(r).longValueExact();
        Expr language = new MultipleOfLanguage(multipleOf, s, r, modulus).spellings();
        if (Digits.treeSize(language, MAX_TREE_SIZE) > MAX_TREE_SIZE) {
            throw refused(multipleOf, "the factor " + a + " needs too large a digit pattern");
        }
        return language;
    }

    private static GrammarException refused(BigDecimal m, String why) {
        return new GrammarException("multipleOf " + m.toPlainString() + " is not supported: " + why);
    }

    private Expr spellings() {
        int tail = Math.max(0, s + r);
        List<Expr> options = new ArrayList<>();
        options.add(Digits.seq(Expr.lit("0"), fractionPart(0)));
        options.add(Digits.seq(Digits.NONZERO, Expr.star(Digits.DIGIT), integerTail(tail, 0)));
        for (int length = 1; length <= tail; length++) {
            int below = length - 1;
            options.add(digitChoices(below, 0, 1, residue -> integerTail(below, residue)));
        }
        return Digits.seq(Expr.opt(Expr.lit("-")), Digits.alt(options));
    }

    /** The last {@code count} integer digits (exponents count-1 .. 0), then the fraction. */
    private Expr integerTail(int count, long residue) {
        if (count == 0) return fractionPart(residue);
        State key = new State(count, residue);
        Expr cached = integerTails.get(key);
        if (cached != null) return cached;
        Expr e = digitChoices(count - 1, residue, 0, next -> integerTail(count - 1, next));
        integerTails.put(key, e);
        checkStates();
        return e;
    }

    private void checkStates() {
        if (integerTails.size() + fractionTails.size() > MAX_STATES) {
            throw refused(multipleOf, "too large a digit pattern");
        }
    }

    private Expr fractionPart(long residue) {
        FractionTail t = fractionDigits(-1, residue);
        return Digits.alt(t.emptyOk() ? Expr.empty() : Expr.nothing(), Digits.seq(Expr.lit("."), t.nonEmpty()));
    }

    /** Fraction digits from exponent {@code exponent} down; stopping early reads the rest as zeros. */
    private FractionTail fractionDigits(int exponent, long residue) {
        State key = new State(exponent, residue);
        FractionTail cached = fractionTails.get(key);
        if (cached != null) return cached;
        FractionTail t;
        if (exponent < s) {
            t = residue == 0 ? new FractionTail(true, Digits.ZEROS) : FractionTail.NONE;
        } else {
            Expr nonEmpty = digitChoices(exponent, residue, 0, next -> fractionDigits(exponent - 1, next).full());
            t = new FractionTail(residue == 0, nonEmpty);
        }
        fractionTails.put(key, t);
        checkStates();
        return t;
    }

    /**
     * One digit (at least {@code minDigit}) at {@code exponent}, grouped by the window residue it leads to:
     * zero below the window, free above it.
     */
    private Expr digitChoices(int exponent, long residue, int minDigit, LongFunction<Expr> then) {
        if (exponent < s) return minDigit == 0 ? Digits.seq(Expr.lit("0"), then.apply(residue)) : Expr.nothing();
        if (exponent >= s + r) return Digits.seq(Digits.range(minDigit, 9), then.apply(residue));
        long weight = BigInteger.TEN.modPow(BigInteger.valueOf(exponent - s), BigInteger.valueOf(modulus)).longValueExact();
        Map<Long, List<Integer>> digitsByNext = new LinkedHashMap<>();
        for (int d = minDigit; d <= 9; d++) {
            digitsByNext.computeIfAbsent((residue + d * weight) % modulus, k -> new ArrayList<>()).add(d);
        }
        List<Expr> options = new ArrayList<>();
        digitsByNext.forEach((next, digits) -> options.add(Digits.seq(digitClass(digits), then.apply(next))));
        return Digits.alt(options);
    }

    private static Expr digitClass(List<Integer> digits) {
        StringBuilder sb = new StringBuilder();
        for (int d : digits) sb.append((char) ('0' + d));
        return digits.size() == 1 ? Expr.lit(sb.toString()) : Expr.cls(CodePointSet.chars(sb.toString()));
    }
}
