package dev.schemagate.schemas.format;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;

/** Character sets shared by the format grammars (RFC 5234 core rules and RFC 3987 ranges). */
final class CharSets {
    static final CodePointSet ALPHA = CodePointSet.ofRanges('A', 'Z', 'a', 'z');
    static final CodePointSet DIGIT = CodePointSet.range('0', '9');
    static final CodePointSet HEXDIG = CodePointSet.ofRanges('0', '9', 'A', 'F', 'a', 'f');
    /** Every Unicode scalar value: surrogate code points cannot occur in a decoded string. */
    static final CodePointSet SCALAR = CodePointSet.ofRanges(0, 0xD7FF, 0xE000, CodePointSet.MAX);
    static final CodePointSet UCSCHAR = CodePointSet.ofRanges(
            0xA0, 0xD7FF, 0xF900, 0xFDCF, 0xFDF0, 0xFFEF,
            0x10000, 0x1FFFD, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD, 0x40000, 0x4FFFD,
            0x50000, 0x5FFFD, 0x60000, 0x6FFFD, 0x70000, 0x7FFFD, 0x80000, 0x8FFFD,
            0x90000, 0x9FFFD, 0xA0000, 0xAFFFD, 0xB0000, 0xBFFFD, 0xC0000, 0xCFFFD,
            0xD0000, 0xDFFFD, 0xE1000, 0xEFFFD);
    static final CodePointSet IPRIVATE = CodePointSet.ofRanges(0xE000, 0xF8FF, 0xF0000, 0xFFFFD, 0x100000, 0x10FFFD);

    static final Expr DIGITS = Expr.plus(Expr.cls(DIGIT));
    static final Expr HEX = Expr.cls(HEXDIG);
    static final Expr PCT_ENCODED = Expr.seq(Expr.lit("%"), HEX, HEX);

    private CharSets() {}

    static Expr cls(CodePointSet set) {
        return Expr.cls(set);
    }

    static Expr chars(String s) {
        return Expr.cls(CodePointSet.chars(s));
    }

    static Expr exactly(Expr e, int n) {
        return Expr.repeat(e, n, n);
    }

    /** An ASCII literal matched case-insensitively (ABNF quoted strings are case-insensitive). */
    static Expr caseInsensitive(String s) {
        Expr[] items = new Expr[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            items[i] = Character.isLetter(c)
                    ? chars("" + Character.toLowerCase(c) + Character.toUpperCase(c))
                    : Expr.lit(String.valueOf(c));
        }
        return Expr.seq(items);
    }
}
