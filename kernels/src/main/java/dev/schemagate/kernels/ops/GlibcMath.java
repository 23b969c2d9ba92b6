package dev.schemagate.kernels.ops;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code expf}, {@code sinf} and {@code cosf} rounded bit for bit like glibc's x86-64 FMA variants, which ggml's CPU
 * backend calls for attention weights and the RoPE table. glibc is not correctly rounded ({@code (float) Math.exp(x)}
 * differs on about 1 in 13,000 inputs, {@code Math.sin}/{@code cos} on 2% of RoPE angles), so matching llama.cpp
 * exactly needs its algorithms: a 32-entry {@code 2^(i/32)} table with a cubic for exp, and a quadrant reduction
 * with one polynomial pair for sin/cos (sincosf, which GCC calls when code asks for both), every {@code a + b·c} fused.
 */
public final class GlibcMath {
    private static final int EXP_TABLE_BITS = 5;
    /** {@code 2^(i/32)} as double bits, minus {@code i << 47} so adding {@code k << 47} scales by {@code 2^(k/32)}. */
    private static final long[] EXP2_TABLE = exp2Table();
    private static final double INV_LN2_32 = 0x1.71547652b82fep+5;
    private static final double ROUND_SHIFT = 0x1.8p+52;
    private static final double EXP_C0 = 0x1.c6af84b912394p-20;
    private static final double EXP_C1 = 0x1.ebfce50fac4f3p-13;
    private static final double EXP_C2 = 0x1.62e42ff0c52d6p-6;

    private static final double HALF_PI_INV_2P24 = 0x1.45f306dc9c883p+23;
    private static final double HALF_PI = 0x1.921fb54442d18p0;
    private static final double PI_2P_MINUS_63 = 0x1.921fb54442d18p-62;
    /** Cosine coefficients c0..c4 (the second set negated, for quadrants 2 and 3) and sine coefficients s1..s3. */
    private static final double[] COS = {1.0, -0x1.ffffffd0c621cp-2, 0x1.55553e1068f19p-5, -0x1.6c087e89a359dp-10, 0x1.99343027bf8c3p-16};
    private static final double[] SIN = {-0x1.555545995a603p-3, 0x1.1107605230bc4p-7, -0x1.994eb3774cf24p-13};
    /** Sign of the sine per quadrant. */
    private static final double[] QUADRANT_SIGN = {1.0, -1.0, -1.0, 1.0};
    /** 2/pi to 192 bits, as 24 overlapping 32-bit windows 8 bits apart (the first three padded with leading zeros). */
    private static final int[] TWO_OVER_PI = twoOverPiWindows("a2f9836e4e441529fc2757d1f534ddc0db6295993c439041");

    private GlibcMath() {
    }

    /** {@code e^x} as glibc's {@code expf} returns it. */
    public static float exp(float x) {
        int bits = Float.floatToRawIntBits(x);
        int top = (bits >>> 20) & 0x7ff;
        if (top >= 0x42a) {
            // |x| >= 88, infinities and NaN: the special cases glibc checks before the polynomial
            if (bits == 0xff800000) return 0f;
            if (top >= 0x7f8) return x + x;
            if (x > 0x1.62e42ep6f) return Float.POSITIVE_INFINITY;
            if (x < -0x1.9fe368p6f) return 0f;
            if (x < -0x1.9d1d9ep6f) return Float.MIN_VALUE;
        }
        double xd = x;
        double shifted = Math.fma(INV_LN2_32, xd, ROUND_SHIFT);
        long k = Double.doubleToRawLongBits(shifted);
        double kd = shifted - ROUND_SHIFT;
        double r = Math.fma(INV_LN2_32, xd, -kd);
        double scale = Double.longBitsToDouble(EXP2_TABLE[(int) (k & ((1 << EXP_TABLE_BITS) - 1))] + (k << (52 - EXP_TABLE_BITS)));
        double z = Math.fma(EXP_C0, r, EXP_C1);
        double y = Math.fma(z, r * r, Math.fma(EXP_C2, r, 1.0));
        return (float) (y * scale);
    }

    /** {@code sin(x)} as glibc's {@code sincosf} returns it. */
    public static float sin(float x) {
        return sinCos(x, true);
    }

    /** {@code cos(x)} as glibc's {@code sincosf} returns it. */
    public static float cos(float x) {
        return sinCos(x, false);
    }

    private static float sinCos(float y, boolean wantSin) {
        int bits = Float.floatToRawIntBits(y);
        int top = (bits >>> 20) & 0x7ff;
        double x = y;
        if (top < 0x3f4) {
            // |y| < pi/4: no reduction; below 2^-12 sin is y and cos is 1 in float
            if (top < 0x398) return wantSin ? y : 1f;
            return poly(x, x * x, false, 0, wantSin);
        }
        if (top < 0x42f) {
            // |y| < 120: one multiply-subtract with pi/2 in double is exact enough
            int n = ((int) (x * HALF_PI_INV_2P24) + 0x800000) >> 24;
            double r = Math.fma(-n, HALF_PI, x);
            return poly(r * QUADRANT_SIGN[n & 3], r * r, (n & 2) != 0, n, wantSin);
        }
        if (top < 0x7f8) {
            // |y| >= 120: fixed-point product of the mantissa with 2/pi to 192 bits; the top two bits are the quadrant
            int at = (bits >>> 26) & 15;
            long m = (((bits & 0xffffff) | 0x800000) << ((bits >>> 23) & 7)) & 0xffffffffL;
            long low = (m * TWO_OVER_PI[at]) & 0xffffffffL;
            long mid = m * (TWO_OVER_PI[at + 4] & 0xffffffffL);
            long high = m * (TWO_OVER_PI[at + 8] & 0xffffffffL);
            long fraction = ((high >>> 32) | (low << 32)) + mid;
            long quadrant = (fraction + (1L << 61)) >>> 62;
            double r = (double) (fraction - (quadrant << 62)) * PI_2P_MINUS_63;
            int n = (int) quadrant;
            int signed = n + (bits >>> 31);
            return poly(r * QUADRANT_SIGN[signed & 3], r * r, (signed & 2) != 0, n, wantSin);
        }
        return y - y;
    }

    /** The sin and cos polynomials on the reduced {@code x} (sign applied) and {@code x2}; odd quadrants swap them. */
    private static float poly(double x, double x2, boolean negateCos, int n, boolean wantSin) {
        boolean sinPoly = wantSin ^ ((n & 1) != 0);
        if (sinPoly) {
            double x3 = x2 * x;
            double s1 = Math.fma(x2, SIN[2], SIN[1]);
            double s = Math.fma(x3, SIN[0], x);
            return (float) Math.fma(s1, x3 * x2, s);
        }
        double sign = negateCos ? -1.0 : 1.0;
        double x4 = x2 * x2;
        double c2 = Math.fma(x2, sign * COS[4], sign * COS[3]);
        double c1 = Math.fma(x2, sign * COS[1], sign * COS[0]);
        double c = Math.fma(x4, sign * COS[2], c1);
        return (float) Math.fma(c2, x4 * x2, c);
    }

    private static long[] exp2Table() {
        int n = 1 << EXP_TABLE_BITS;
        long[] table = new long[n];
        MathContext precision = new MathContext(60);
        for (int i = 0; i < n; i++) {
            // 2^(i/32) = five square roots of 2^i, each correctly rounded to 60 digits, then rounded once to double
            BigDecimal root = BigDecimal.valueOf(1L << i);
            for (int s = 0; s < EXP_TABLE_BITS; s++) root = root.sqrt(precision);
            table[i] = Double.doubleToRawLongBits(root.doubleValue()) - ((long) i << (52 - EXP_TABLE_BITS));
        }
        return table;
    }

    private static int[] twoOverPiWindows(String hex) {
        int[] windows = new int[hex.length() / 2];
        for (int i = 0; i < windows.length; i++) {
            int end = 2 * i + 2;
            windows[i] = Integer.parseUnsignedInt(hex.substring(Math.max(0, end - 8), end), 16);
        }
        return windows;
    }
}
