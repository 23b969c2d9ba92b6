package dev.schemagate.schemas.number;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NumberLanguageTest {
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern PLAIN = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

    private static NumberBounds bounds(String min, boolean minEx, String max, boolean maxEx, String multipleOf, boolean integer) {
        return new NumberBounds(min == null ? null : new BigDecimal(min), minEx, max == null ? null : new BigDecimal(max), maxEx,
                multipleOf == null ? null : new BigDecimal(multipleOf), integer);
    }

    /** The JSON Schema meaning of the bounds, by BigDecimal arithmetic on the spelled value. */
    private static boolean allowed(NumberBounds b, String spelling) {
        if (!JSON_NUMBER.matcher(spelling).matches()) return false;
        BigDecimal v = new BigDecimal(spelling);
        if (b.min() != null && (b.minExclusive() ? v.compareTo(b.min()) <= 0 : v.compareTo(b.min()) < 0)) return false;
        if (b.max() != null && (b.maxExclusive() ? v.compareTo(b.max()) >= 0 : v.compareTo(b.max()) > 0)) return false;
        if (b.integer() && v.signum() != 0 && v.stripTrailingZeros().scale() > 0) return false;
        return b.multipleOf() == null || v.remainder(b.multipleOf()).signum() == 0;
    }

    @Test
    void unboundedAcceptsEveryJsonNumberSpelling() {
        Expr any = NumberLanguage.of(NumberBounds.ANY_NUMBER);
        for (String s : List.of("0", "-0", "-0.0", "1", "12.5", "0.5000", "1e5", "1E+5", "1e-05", "1.5e+16", "-2.25E-300", "0e0")) {
            assertTrue(ReferenceRecognizer.matches(any, s), s);
        }
        for (String s : List.of("01", "1.", ".5", "+1", "NaN", "1e", "1e+", "--1", "-", "", "0x10", "1.5e1.2", " 1")) {
            assertFalse(ReferenceRecognizer.matches(any, s), s);
        }
    }

    @Test
    void integerAcceptsIntegralSpellingsIncludingFractionZerosAndExponents() {
        Expr integer = NumberLanguage.of(NumberBounds.ANY_INTEGER);
        for (String s : List.of("0", "-0", "1.0", "-5.00", "123456789012345678901234567890", "1e2", "1.5e1", "1E+5",
                "9.223372036854776e+18", "0.0e-7", "-2.5e1", "1e-0")) {
            assertTrue(ReferenceRecognizer.matches(integer, s), s);
        }
        for (String s : List.of("1.5", "-0.1", "1e-1", "1.25e1", "0.5e0")) {
            assertFalse(ReferenceRecognizer.matches(integer, s), s);
        }
    }

    @Test
    void signOnlyBoundsKeepExponentSpellings() {
        Expr nonNegative = NumberLanguage.of(bounds("0", false, null, false, null, false));
        assertTrue(ReferenceRecognizer.matches(nonNegative, "1e-05"));
        assertTrue(ReferenceRecognizer.matches(nonNegative, "-0e3"));
        assertFalse(ReferenceRecognizer.matches(nonNegative, "-1e-05"));
        Expr positive = NumberLanguage.of(bounds("0", true, null, false, null, false));
        assertTrue(ReferenceRecognizer.matches(positive, "1.5e+16"));
        assertFalse(ReferenceRecognizer.matches(positive, "0e3"));
        assertFalse(ReferenceRecognizer.matches(positive, "-0.0"));
        Expr nonPositive = NumberLanguage.of(bounds(null, false, "0", false, null, false));
        assertTrue(ReferenceRecognizer.matches(nonPositive, "-7E2"));
        assertFalse(ReferenceRecognizer.matches(nonPositive, "7E2"));
    }

    @Test
    void exponentSpellingsOfUndecidableBoundsAreExcludedNotApproximated() {
        Expr range = NumberLanguage.of(bounds("0.5", false, "10", true, null, false));
        assertTrue(ReferenceRecognizer.matches(range, "0.5"));
        assertTrue(ReferenceRecognizer.matches(range, "9.999999999999999999"));
        assertFalse(ReferenceRecognizer.matches(range, "10"));
        assertFalse(ReferenceRecognizer.matches(range, "0.4999"));
        assertFalse(ReferenceRecognizer.matches(range, "5e-1"));
        assertFalse(ReferenceRecognizer.matches(range, "1e1"));
    }

    @Test
    void emptyRangesAreNothing() {
        assertInstanceOf(Expr.Nothing.class, NumberLanguage.of(bounds("3", false, "2", false, null, false)));
        assertInstanceOf(Expr.Nothing.class, NumberLanguage.of(bounds("2", true, "2", false, null, false)));
        assertInstanceOf(Expr.Nothing.class, NumberLanguage.of(bounds("2", false, "2", true, null, false)));
        assertInstanceOf(Expr.Nothing.class, NumberLanguage.of(bounds("1.1", false, "1.9", false, null, true)));
        assertInstanceOf(Expr.Nothing.class, NumberLanguage.of(bounds("1", true, "2", true, null, true)));
        assertInstanceOf(Expr.Nothing.class, NumberLanguage.of(bounds("0.11", false, "0.19", false, "0.1", false)));
        assertInstanceOf(Expr.Nothing.class, NumberLanguage.of(bounds("1", false, "4", false, "5", true)));
        assertInstanceOf(Expr.Nothing.class, NumberLanguage.of(bounds("1.1", false, "1.9", false, "0.5", true)));
    }

    @Test
    void multipleOfRefusesNonDecimalSteps() {
        for (String m : List.of("3", "0.3", "7", "1.1", "12")) {
            GrammarException e = assertThrows(GrammarException.class, () -> NumberLanguage.of(bounds(null, false, null, false, m, false)));
            assertTrue(e.getMessage().contains("multipleOf"), e.getMessage());
        }
        assertThrows(GrammarException.class, () -> NumberLanguage.of(bounds(null, false, null, false, "0", false)));
        assertThrows(GrammarException.class, () -> NumberLanguage.of(bounds(null, false, null, false, "-2", false)));
    }

    @Test
    void largeBoundsStayLinearInDigits() {
        String big = "9".repeat(400) + "." + "7".repeat(400);
        Expr e = NumberLanguage.of(bounds("-" + big, false, big, true, null, false));
        assertTrue(Digits.treeSize(e, Long.MAX_VALUE) < 40 * 800, "size " + Digits.treeSize(e, Long.MAX_VALUE));
        assertTrue(ReferenceRecognizer.matches(e, "-" + big));
        assertFalse(ReferenceRecognizer.matches(e, big));
        assertTrue(ReferenceRecognizer.matches(e, "9".repeat(400) + "." + "7".repeat(399) + "69999"));
        Expr huge = NumberLanguage.of(bounds(null, false, "1e308", false, null, true));
        assertTrue(ReferenceRecognizer.matches(huge, "1" + "0".repeat(308)));
        assertFalse(ReferenceRecognizer.matches(huge, "1" + "0".repeat(307) + "1"));
        Expr past53 = NumberLanguage.of(bounds("9007199254740993", false, "9223372036854775808", true, null, true));
        assertFalse(ReferenceRecognizer.matches(past53, "9007199254740992"));
        assertTrue(ReferenceRecognizer.matches(past53, "9007199254740993.000"));
        assertTrue(ReferenceRecognizer.matches(past53, "9223372036854775807"));
        assertFalse(ReferenceRecognizer.matches(past53, "9223372036854775808"));
        GrammarException tooLong = assertThrows(GrammarException.class,
                () -> NumberLanguage.of(bounds(null, false, "1e100000", false, null, false)));
        assertTrue(tooLong.getMessage().contains("maximum"), tooLong.getMessage());
    }

    /** Differential test against BigDecimal over random bounds and boundary-neighbour spellings. */
    @Test
    void randomBoundsAgreeWithBigDecimalArithmetic() {
        Random rnd = new Random(20250611);
        String[] steps = {"1", "2", "5", "25", "0.01", "0.5", "100", "0.25", "2.5", "0.125", "0.001", "0.2", "4", "1.6", "1e-7"};
        int pairs = 0, plainAccepted = 0, exponentAccepted = 0;
        for (int round = 0; round < 400; round++) {
            BigDecimal lo = rnd.nextInt(4) == 0 ? null : randomValue(rnd);
            BigDecimal hi = rnd.nextInt(4) == 0 ? null : randomValue(rnd);
            if (lo != null && hi != null && lo.compareTo(hi) > 0 && rnd.nextInt(5) > 0) {
                BigDecimal t = lo;
                lo = hi;
                hi = t;
            }
            String step = rnd.nextInt(3) == 0 ? steps[rnd.nextInt(steps.length)] : null;
            NumberBounds b = new NumberBounds(lo, rnd.nextBoolean(), hi, rnd.nextBoolean(),
                    step == null ? null : new BigDecimal(step), rnd.nextInt(4) == 0);
            Expr e = NumberLanguage.of(b);
            for (String s : spellings(rnd, b)) {
                boolean expected = allowed(b, s);
                boolean actual = ReferenceRecognizer.matches(e, s);
                pairs++;
                if (actual) {
                    assertTrue(expected, () -> "accepted out-of-bounds " + s + " for " + b);
                    if (PLAIN.matcher(s).matches()) plainAccepted++;
                    else exponentAccepted++;
                }
                if (expected && PLAIN.matcher(s).matches()) {
                    assertTrue(actual, () -> "rejected in-bounds plain " + s + " for " + b);
                }
                if (expected && !actual && isSignDecided(b, s)) {
                    throw new AssertionError("rejected sign-decided exponent spelling " + s + " for " + b);
                }
            }
        }
        assertTrue(pairs > 5000, "pairs " + pairs);
        assertTrue(plainAccepted > 1000 && exponentAccepted > 100, plainAccepted + " / " + exponentAccepted);
    }

    /** An exponent spelling the contract promises to accept: its sign class lies inside bounds without step/integrality. */
    private static boolean isSignDecided(NumberBounds b, String s) {
        if (PLAIN.matcher(s).matches() || b.multipleOf() != null || b.integer()) return false;
        int sign = new BigDecimal(s).signum();
        if (sign == 0) return true;
        boolean lowOk = b.min() == null || (sign > 0 && b.min().signum() <= 0);
        boolean highOk = b.max() == null || (sign < 0 && b.max().signum() >= 0);
        return lowOk && highOk;
    }

    private static BigDecimal randomValue(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> BigDecimal.ZERO;
            case 1 -> new BigDecimal(rnd.nextInt(2000) - 1000);
            case 2 -> new BigDecimal(BigInteger.valueOf(rnd.nextInt(200000) - 100000), rnd.nextInt(5));
            case 3 -> new BigDecimal(new BigInteger(70, rnd).subtract(BigInteger.ONE.shiftLeft(69)), rnd.nextInt(25));
            case 4 -> new BigDecimal(rnd.nextBoolean() ? "1e308" : "-9007199254740993");
            case 5 -> new BigDecimal(rnd.nextBoolean() ? "9223372036854775808" : "-0.000001");
            case 6 -> new BigDecimal(BigInteger.valueOf(rnd.nextInt(100)), rnd.nextInt(3) + 1);
            default -> new BigDecimal(BigInteger.valueOf(rnd.nextInt(1000) - 500), -rnd.nextInt(3));
        };
    }

    /** Values at, around and between the bounds and steps, each in several spellings. */
    private static Set<String> spellings(Random rnd, NumberBounds b) {
        List<BigDecimal> values = new ArrayList<>();
        for (BigDecimal bound : new BigDecimal[] {b.min(), b.max(), BigDecimal.ZERO}) {
            if (bound == null) continue;
            values.add(bound);
            int scale = Math.max(bound.stripTrailingZeros().scale(), 0);
            for (int k : new int[] {0, 1, scale, scale + 1, scale + 3}) {
                BigDecimal ulp = BigDecimal.ONE.movePointLeft(k);
                values.add(bound.add(ulp));
                values.add(bound.subtract(ulp));
            }
            if (b.multipleOf() != null) {
                BigDecimal near = bound.divideToIntegralValue(b.multipleOf()).multiply(b.multipleOf());
                values.add(near);
                values.add(near.add(b.multipleOf()));
                values.add(near.subtract(b.multipleOf()));
            }
        }
        if (b.min() != null && b.max() != null) {
            BigDecimal span = b.max().subtract(b.min());
            for (int i = 0; i < 6; i++) {
                values.add(b.min().add(span.multiply(BigDecimal.valueOf(rnd.nextInt(1000), 3))));
            }
        }
        for (int i = 0; i < 6; i++) values.add(randomValue(rnd));
        Set<String> out = new LinkedHashSet<>();
        for (BigDecimal v : values) {
            String plain = v.toPlainString();
            out.add(plain);
            out.add(plain.contains(".") ? plain + "00" : plain + ".0");
            if (v.signum() == 0) out.add("-" + plain);
            out.add(scientific(v, rnd));
        }
        for (String s : List.of("1e2", "1.5e1", "-1e-05", "0e0", "-0.0E+3", "7E+1", "2.5e-1")) out.add(s);
        return out;
    }

    /** A d.ddd e±x spelling of the value, in the shapes Python's repr and other serializers produce. */
    private static String scientific(BigDecimal v, Random rnd) {
        BigDecimal s = v.stripTrailingZeros();
        String digits = s.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - s.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = exponent < 0 ? "-" : rnd.nextBoolean() ? "+" : "";
        String exp = String.valueOf(Math.abs(exponent));
        if (rnd.nextBoolean() && exp.length() == 1) exp = "0" + exp;
        return (v.signum() < 0 ? "-" : "") + mantissa + (rnd.nextBoolean() ? "e" : "E") + sign + exp;
    }
}
