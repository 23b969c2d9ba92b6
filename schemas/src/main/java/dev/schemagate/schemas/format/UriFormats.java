package dev.schemagate.schemas.format;

import static dev.schemagate.schemas.format.CharSets.PCT_ENCODED;
import static dev.schemagate.schemas.format.CharSets.cls;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;

/**
 * RFC 3986 URIs and RFC 3987 IRIs (the same grammar with non-ASCII unreserved characters and private-use
 * characters in the query), and RFC 6570 URI templates; narrowed to what networknt (the gateway's second check,
 * which parses with java.net.URI) also accepts: no IPvFuture literals, no Unicode spaces in IRIs, no fragment
 * right after a bare "scheme:".
 */
final class UriFormats {
    private static final CodePointSet UNRESERVED = CharSets.ALPHA.union(CharSets.DIGIT).union(CodePointSet.chars("-._~"));
    private static final CodePointSet SUB_DELIMS = CodePointSet.chars("!$&'()*+,;=");
    /** Unicode space separators (Zs, Zl, Zp) in RFC 3987's ucschar: java.net.URI refuses them. */
    private static final CodePointSet UNICODE_SPACES = CodePointSet.ofRanges(0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A,
            0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000);

    static final Expr URI;
    static final Expr URI_REFERENCE;
    static final Expr IRI;
    static final Expr IRI_REFERENCE;

    static {
        UriGrammar uri = new UriGrammar(UNRESERVED, CodePointSet.NONE);
        URI = uri.absolute();
        URI_REFERENCE = uri.reference();
        UriGrammar iri = new UriGrammar(UNRESERVED.union(CharSets.UCSCHAR.minus(UNICODE_SPACES)), CharSets.IPRIVATE);
        IRI = iri.absolute();
        IRI_REFERENCE = iri.reference();
    }

    /**
     * RFC 6570 level 4 templates. The apostrophe, which RFC 6570's errata and the JSON Schema Test Suite admit in
     * literals, is left out: networknt refuses it. The operators reserved for future extensions (= , ! @ |) are
     * refused by template processors and not accepted.
     */
    static final Expr URI_TEMPLATE = uriTemplate();

    private UriFormats() {}

    /** The RFC 3986/3987 productions over one choice of unreserved and query-only private characters. */
    private record UriGrammar(CodePointSet unreserved, CodePointSet queryPrivate) {
        Expr unreservedOrSubDelims(String extra) {
            return Expr.alt(cls(unreserved.union(SUB_DELIMS).union(CodePointSet.chars(extra))), PCT_ENCODED);
        }

        Expr pchar() {
            return unreservedOrSubDelims(":@");
        }

        Expr authority() {
            Expr userinfo = Expr.star(unreservedOrSubDelims(":"));
            // IPvFuture literals ([v1.x]) are left out: java.net.URI refuses them.
            Expr ipLiteral = Expr.seq(Expr.lit("["), NetworkFormats.IPV6, Expr.lit("]"));
            // IPv4address is a subset of reg-name, so reg-name covers it.
            Expr regName = Expr.star(unreservedOrSubDelims(""));
            Expr port = Expr.star(cls(CharSets.DIGIT));
            return Expr.seq(Expr.opt(Expr.seq(userinfo, Expr.lit("@"))), Expr.alt(ipLiteral, regName),
                    Expr.opt(Expr.seq(Expr.lit(":"), port)));
        }

        Expr segments() {
            return Expr.star(Expr.seq(Expr.lit("/"), Expr.star(pchar())));
        }

        /** hier-part (rootless first segment) or relative-part (first segment without ':'), not empty. */
        Expr nonEmptyPart(Expr firstSegment) {
            Expr pathAbsolute = Expr.seq(Expr.lit("/"), Expr.opt(Expr.seq(Expr.plus(pchar()), segments())));
            return Expr.alt(
                    Expr.seq(Expr.lit("//"), authority(), segments()),
                    pathAbsolute,
                    Expr.seq(firstSegment, segments()));
        }

        Expr part(Expr firstSegment) {
            return Expr.alt(nonEmptyPart(firstSegment), Expr.empty());
        }

        Expr query() {
            return Expr.seq(Expr.lit("?"), Expr.star(Expr.alt(pchar(), cls(CodePointSet.chars("/?").union(queryPrivate)))));
        }

        Expr fragment() {
            return Expr.seq(Expr.lit("#"), Expr.star(Expr.alt(pchar(), CharSets.chars("/?"))));
        }

        Expr queryAndFragment() {
            return Expr.seq(Expr.opt(query()), Expr.opt(fragment()));
        }

        /** A bare "scheme:" may be followed by a query, but not by a fragment alone (java.net.URI's rule). */
        Expr absolute() {
            Expr scheme = Expr.seq(cls(CharSets.ALPHA),
                    Expr.star(cls(CharSets.ALPHA.union(CharSets.DIGIT).union(CodePointSet.chars("+-.")))));
            return Expr.seq(scheme, Expr.lit(":"), Expr.alt(
                    Expr.seq(nonEmptyPart(Expr.plus(pchar())), queryAndFragment()),
                    Expr.seq(query(), Expr.opt(fragment())),
                    Expr.empty()));
        }

        Expr reference() {
            Expr segmentNoColon = Expr.plus(unreservedOrSubDelims("@"));
            return Expr.alt(absolute(), Expr.seq(part(segmentNoColon), queryAndFragment()));
        }
    }

    private static Expr uriTemplate() {
        CodePointSet literalChars = CodePointSet.ofRanges(0x21, 0x21, 0x23, 0x24, 0x26, 0x26, 0x28, 0x3B, 0x3D, 0x3D, 0x3F, 0x5B,
                0x5D, 0x5D, 0x5F, 0x5F, 0x61, 0x7A, 0x7E, 0x7E).union(CharSets.UCSCHAR).union(CharSets.IPRIVATE);
        Expr literal = Expr.alt(cls(literalChars), PCT_ENCODED);
        Expr varchar = Expr.alt(cls(CharSets.ALPHA.union(CharSets.DIGIT).union(CodePointSet.of('_'))), PCT_ENCODED);
        Expr varname = Expr.seq(varchar, Expr.star(Expr.seq(Expr.opt(Expr.lit(".")), varchar)));
        Expr prefix = Expr.seq(Expr.lit(":"), cls(CodePointSet.range('1', '9')), Expr.repeat(cls(CharSets.DIGIT), 0, 3));
        Expr varspec = Expr.seq(varname, Expr.opt(Expr.alt(prefix, Expr.lit("*"))));
        Expr variables = Expr.seq(varspec, Expr.star(Expr.seq(Expr.lit(","), varspec)));
        Expr expression = Expr.seq(Expr.lit("{"), Expr.opt(CharSets.chars("+#./;?&")), variables, Expr.lit("}"));
        return Expr.star(Expr.alt(literal, expression));
    }
}
