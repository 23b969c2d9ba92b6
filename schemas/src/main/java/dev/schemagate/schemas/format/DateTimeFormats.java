package dev.schemagate.schemas.format;

import static dev.schemagate.schemas.format.CharSets.DIGITS;
import static dev.schemagate.schemas.format.CharSets.chars;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 3339 date, time and date-time (section 5.6 with Appendix C leap years) and Appendix A durations, narrowed
 * to what the gateway's second check (networknt) also accepts: at most nine fraction digits, and in date-time an
 * offset within ±18:00 other than -00:00 and a leap second only on a date one was inserted (IERS).
 */
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
    /** Nanoseconds at most: java.time, behind networknt's time and date-time checks, reads no more. */
    private static final Expr SECOND_FRACTION = Expr.opt(Expr.seq(Expr.lit("."), Expr.repeat(DIGIT, 1, 9)));
    private static final Expr ZULU = chars("zZ");
    private static final Expr OFFSET = Expr.alt(ZULU, Expr.seq(chars("+-"), HOUR, Expr.lit(":"), MINUTE));
    private static final Expr CLOCK = Expr.seq(HOUR, Expr.lit(":"), MINUTE, Expr.lit(":"), MINUTE, SECOND_FRACTION);
    static final Expr TIME = Expr.alt(Expr.seq(CLOCK, OFFSET), leapSecondTimes(false));

    /** java.time offsets span ±18:00; networknt's date-time check also refuses RFC 3339's "unknown" -00:00. */
    private static final Expr DATE_TIME_OFFSET = Expr.alt(ZULU,
            Expr.seq(Expr.lit("+"), Expr.alt(Expr.seq(twoDigits(0, 17), Expr.lit(":"), MINUTE), Expr.lit("18:00"))),
            Expr.seq(Expr.lit("-"), Expr.alt(Expr.seq(Expr.lit("00:"), twoDigits(1, 59)),
                    Expr.seq(twoDigits(1, 17), Expr.lit(":"), MINUTE), Expr.lit("18:00"))));
    /**
     * The days that ended in a leap second (IERS Bulletin C) and that networknt's date-time check (ethlo ITU)
     * also lists: its table lacks 1979-12-31 and 1987-12-31.
     */
    private static final List<String> LEAP_SECOND_DAYS = List.of(
            "1972-06-30", "1972-12-31", "1973-12-31", "1974-12-31", "1975-12-31", "1976-12-31", "1977-12-31",
            "1978-12-31", "1981-06-30", "1982-06-30", "1983-06-30", "1985-06-30", "1989-12-31", "1990-12-31",
            "1992-06-30", "1993-06-30", "1994-06-30", "1995-12-31", "1997-06-30", "1998-12-31", "2005-12-31",
            "2008-12-31", "2012-06-30", "2015-06-30", "2016-12-31");
    static final Expr DATE_TIME = Expr.alt(
            Expr.seq(DATE, chars("tT"), CLOCK, DATE_TIME_OFFSET),
            Expr.seq(Expr.alt(LEAP_SECOND_DAYS.stream().map(Expr::lit).toList()), chars("tT"), leapSecondTimes(true)));
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
     * there: +(hh:mm + 1 minute), -(23:59 - hh:mm), and Z, +00:00, -00:00 at 23:59 itself. With a date
     * ({@code onLeapDay}), only offsets that keep UTC on the same day and are valid date-time offsets remain:
     * Z, +00:00, and -00:01 to -18:00.
     */
    private static Expr leapSecondTimes(boolean onLeapDay) {
        List<Expr> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            List<Expr> minutes = new ArrayList<>();
            for (int m = 0; m < 60; m++) {
                int local = h * 60 + m;
                int behind = 1439 - local;
                List<Expr> offsets = new ArrayList<>();
                if (!onLeapDay) offsets.add(Expr.lit("+" + clock((local + 1) % 1440)));
                if (!onLeapDay || (behind >= 1 && behind <= 18 * 60)) offsets.add(Expr.lit("-" + clock(behind)));
                if (local == 1439) offsets.add(onLeapDay ? Expr.alt(ZULU, Expr.lit("+00:00")) : ZULU);
                if (!offsets.isEmpty()) {
                    minutes.add(Expr.seq(Expr.lit(String.format("%02d:60", m)), SECOND_FRACTION, Expr.alt(offsets)));
                }
            }
            if (!minutes.isEmpty()) hours.add(Expr.seq(Expr.lit(String.format("%02d:", h)), Expr.alt(minutes)));
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
