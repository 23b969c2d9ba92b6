package dev.schemagate.schemas.format;

import static dev.schemagate.schemas.format.CharSets.DIGITS;
import static dev.schemagate.schemas.format.CharSets.chars;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.List;

/** RFC 3339 date, time and date-time (section 5.6 with Appendix C leap years) and Appendix A durations. */
final class DateTimeFormats {
    private static final Expr DIGIT = Expr.cls(CharSets.DIGIT);
    private static final Expr YEAR = CharSets.exactly(DIGIT, 4);
    /** Four-digit leap years: YY (not 00) divisible by 4, or CC divisible by 4 with YY = 00. */
    private static final Expr LEAP_YEAR = Expr.alt(
            Expr.seq(DIGIT, DIGIT, Expr.alt(Expr.seq(Expr.lit("0"), chars("48")), multipleOfFourNotZero())),
            Expr.seq(Expr.alt(Expr.seq(Expr.lit("0"), chars("048")), multipleOfFourNotZero()), Expr.lit("00")));
    static final Expr DATE = Expr.alt(
            Expr.seq(YEAR, Expr.lit("-"), Expr.alt(
                    Expr.seq(months("01", "03", "05", "07", "08", "10", "12"), Expr.lit("-"), twoDigits(1, 31)),
                    Expr.seq(months("04", "06", "09", "11"), Expr.lit("-"), twoDigits(1, 30)),
                    Expr.seq(Expr.lit("02-"), twoDigits(1, 28)))),
            Expr.seq(LEAP_YEAR, Expr.lit("-02-29")));

    private static final Expr HOUR = twoDigits(0, 23);
    private static final Expr MINUTE = twoDigits(0, 59);
    private static final Expr SECOND_FRACTION = Expr.opt(Expr.seq(Expr.lit("."), DIGITS));
    private static final Expr ZULU = chars("zZ");
    private static final Expr OFFSET = Expr.alt(ZULU, Expr.seq(chars("+-"), HOUR, Expr.lit(":"), MINUTE));
    static final Expr TIME = Expr.alt(
            Expr.seq(HOUR, Expr.lit(":"), MINUTE, Expr.lit(":"), MINUTE, SECOND_FRACTION, OFFSET),
            leapSecondTimes());
    static final Expr DATE_TIME = Expr.seq(DATE, chars("tT"), TIME);
    static final Expr DURATION = duration();

    private DateTimeFormats() {}

    /** Two-digit multiples of 4 from 04 to 96 whose first digit is not 0. */
    private static Expr multipleOfFourNotZero() {
        return Expr.alt(Expr.seq(chars("2468"), chars("048")), Expr.seq(chars("13579"), chars("26")));
    }

    private static Expr months(String... months) {
        List<Expr> options = new ArrayList<>();
        for (String m : months) options.add(Expr.lit(m));
        return Expr.alt(options);
    }

    /** The two-digit spellings of {@code lo..hi}, grouped by tens digit. */
    static Expr twoDigits(int lo, int hi) {
        List<Expr> options = new ArrayList<>();
        for (int tens = lo / 10; tens <= hi / 10; tens++) {
            int from = Math.max(lo, tens * 10) % 10, to = Math.min(hi, tens * 10 + 9) % 10;
            options.add(Expr.seq(Expr.lit(String.valueOf(tens)), Expr.cls(CodePointSet.range('0' + from, '0' + to))));
        }
        return Expr.alt(options);
    }

    /**
     * Second 60 is valid only at UTC 23:59, so a local time hh:mm:60 admits exactly the offsets that map it
     * there: +(hh:mm + 1 minute), -(23:59 - hh:mm), and Z, +00:00, -00:00 at 23:59 itself.
     */
    private static Expr leapSecondTimes() {
        List<Expr> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            List<Expr> minutes = new ArrayList<>();
            for (int m = 0; m < 60; m++) {
                int local = h * 60 + m;
                List<Expr> offsets = new ArrayList<>(List.of(
                        Expr.lit("+" + clock((local + 1) % 1440)),
                        Expr.lit("-" + clock(1439 - local))));
                if (local == 1439) offsets.add(ZULU);
                minutes.add(Expr.seq(Expr.lit(String.format("%02d:60", m)), SECOND_FRACTION, Expr.alt(offsets)));
            }
            hours.add(Expr.seq(Expr.lit(String.format("%02d:", h)), Expr.alt(minutes)));
        }
        return Expr.alt(hours);
    }

    private static String clock(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    /** RFC 3339 Appendix A: P followed by date (with optional time), time alone, or weeks; no fractions. */
    private static Expr duration() {
        Expr second = Expr.seq(DIGITS, Expr.lit("S"));
        Expr minute = Expr.seq(DIGITS, Expr.lit("M"), Expr.opt(second));
        Expr hour = Expr.seq(DIGITS, Expr.lit("H"), Expr.opt(minute));
        Expr time = Expr.seq(Expr.lit("T"), Expr.alt(hour, minute, second));
        Expr day = Expr.seq(DIGITS, Expr.lit("D"));
        Expr month = Expr.seq(DIGITS, Expr.lit("M"), Expr.opt(day));
        Expr year = Expr.seq(DIGITS, Expr.lit("Y"), Expr.opt(month));
        Expr date = Expr.seq(Expr.alt(day, month, year), Expr.opt(time));
        Expr week = Expr.seq(DIGITS, Expr.lit("W"));
        return Expr.seq(Expr.lit("P"), Expr.alt(date, time, week));
    }
}
