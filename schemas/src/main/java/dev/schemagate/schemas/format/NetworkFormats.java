package dev.schemagate.schemas.format;

import static dev.schemagate.schemas.format.CharSets.HEX;
import static dev.schemagate.schemas.format.CharSets.cls;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;

/** IPv4/IPv6 addresses (RFC 3986 section 3.2.2), host names (RFC 1123), e-mail (RFC 5321) and UUIDs (RFC 4122). */
final class NetworkFormats {
    private static final Expr DIGIT = cls(CharSets.DIGIT);
    private static final Expr DEC_OCTET = Expr.alt(
            DIGIT,
            Expr.seq(cls(CodePointSet.range('1', '9')), DIGIT),
            Expr.seq(Expr.lit("1"), DIGIT, DIGIT),
            Expr.seq(Expr.lit("2"), cls(CodePointSet.range('0', '4')), DIGIT),
            Expr.seq(Expr.lit("25"), cls(CodePointSet.range('0', '5'))));
    static final Expr IPV4 = Expr.seq(DEC_OCTET, CharSets.exactly(Expr.seq(Expr.lit("."), DEC_OCTET), 3));
    static final Expr IPV6 = ipv6();

    private static final Expr LET_DIG = cls(CharSets.ALPHA.union(CharSets.DIGIT));
    private static final Expr LDH = cls(CharSets.ALPHA.union(CharSets.DIGIT).union(CodePointSet.of('-')));
    /**
     * A label of 1 to 63 letters, digits and inner hyphens. Labels with "--" at positions 3-4 (A-labels such
     * as xn--..., RFC 5891 section 4.2.3.1) are excluded: their validity depends on Punycode decoding.
     */
    private static final Expr LABEL = Expr.alt(
            Expr.seq(LET_DIG, Expr.opt(Expr.seq(Expr.opt(LDH), LET_DIG))),
            Expr.seq(LET_DIG, LDH, LDH, LET_DIG),
            Expr.seq(LET_DIG, LDH, Expr.alt(Expr.seq(LET_DIG, LDH), Expr.seq(Expr.lit("-"), LET_DIG)),
                    Expr.repeat(LDH, 0, 58), LET_DIG));
    /** At most 253 characters in all: labels alone cannot count that, so intersect with a length limit. */
    static final Expr HOSTNAME = Expr.and(
            Expr.seq(LABEL, Expr.star(Expr.seq(Expr.lit("."), LABEL))),
            Expr.repeat(cls(CharSets.ALPHA.union(CharSets.DIGIT).union(CodePointSet.chars("-."))), 1, 253));

    static final Expr EMAIL = email();

    static final Expr UUID = Expr.seq(CharSets.exactly(HEX, 8), Expr.lit("-"), CharSets.exactly(HEX, 4), Expr.lit("-"),
            CharSets.exactly(HEX, 4), Expr.lit("-"), CharSets.exactly(HEX, 4), Expr.lit("-"), CharSets.exactly(HEX, 12));

    private NetworkFormats() {}

    /** RFC 3986 IPv6address: the nine placements of "::", with an IPv4 address as the last 32 bits. */
    private static Expr ipv6() {
        Expr h16 = Expr.repeat(HEX, 1, 4);
        Expr h16Colon = Expr.seq(h16, Expr.lit(":"));
        Expr ls32 = Expr.alt(Expr.seq(h16, Expr.lit(":"), h16), IPV4);
        Expr gap = Expr.lit("::");
        return Expr.alt(
                Expr.seq(CharSets.exactly(h16Colon, 6), ls32),
                Expr.seq(gap, CharSets.exactly(h16Colon, 5), ls32),
                Expr.seq(Expr.opt(h16), gap, CharSets.exactly(h16Colon, 4), ls32),
                Expr.seq(headBeforeGap(h16, h16Colon, 1), gap, CharSets.exactly(h16Colon, 3), ls32),
                Expr.seq(headBeforeGap(h16, h16Colon, 2), gap, CharSets.exactly(h16Colon, 2), ls32),
                Expr.seq(headBeforeGap(h16, h16Colon, 3), gap, h16Colon, ls32),
                Expr.seq(headBeforeGap(h16, h16Colon, 4), gap, ls32),
                Expr.seq(headBeforeGap(h16, h16Colon, 5), gap, h16),
                Expr.seq(headBeforeGap(h16, h16Colon, 6), gap));
    }

    /** {@code [ *n( h16 ":" ) h16 ]}: up to n+1 groups before "::". */
    private static Expr headBeforeGap(Expr h16, Expr h16Colon, int n) {
        return Expr.opt(Expr.seq(Expr.repeat(h16Colon, 0, n), h16));
    }

    /**
     * RFC 5321 Mailbox: dot-string or quoted-string local part, then a host name or an IPv4/IPv6 address
     * literal. General address literals (registered tags) are not accepted. Narrowed to what networknt (the
     * gateway's second check, Apache Commons' e-mail rules) also accepts: a local part of at most 64 characters,
     * a dotted domain only under a top-level domain it knows (at most 253 characters), and the tag "IPv6:" as
     * written. The length limits are met by shape, not by intersecting with a counter (which makes every
     * position a costly new lexer state): at most three atoms of 20 characters, 31 quoted characters, and
     * three labels before the top-level domain.
     */
    private static Expr email() {
        Expr atext = cls(CharSets.ALPHA.union(CharSets.DIGIT).union(CodePointSet.chars("!#$%&'*+-/=?^_`{|}~")));
        Expr atom = Expr.repeat(atext, 1, 20);
        Expr dotString = Expr.seq(atom, Expr.repeat(Expr.seq(Expr.lit("."), atom), 0, 2));
        Expr qtext = cls(CodePointSet.ofRanges(32, 33, 35, 91, 93, 126));
        Expr quotedPair = Expr.seq(Expr.lit("\\"), cls(CodePointSet.range(32, 126)));
        Expr quoted = Expr.seq(Expr.lit("\""), Expr.repeat(Expr.alt(qtext, quotedPair), 0, 31), Expr.lit("\""));
        Expr domain = Expr.alt(LABEL, Expr.seq(Expr.repeat(Expr.seq(LABEL, Expr.lit(".")), 1, 3), TopLevelDomains.KNOWN));
        Expr addressLiteral = Expr.seq(Expr.lit("["), Expr.alt(IPV4, Expr.seq(Expr.lit("IPv6:"), IPV6)), Expr.lit("]"));
        return Expr.seq(Expr.alt(dotString, quoted), Expr.lit("@"), Expr.alt(domain, addressLiteral));
    }
}
