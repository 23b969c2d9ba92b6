package dev.schemagate.schemas.format;

import dev.schemagate.grammar.Expr;
import java.util.Optional;

/**
 * Regular languages (over code points of the decoded string, not JSON-escaped) of the JSON Schema
 * {@code format} values we enforce. Each is exact or a documented strict subset; a known format that
 * cannot be enforced that way is refused with {@link UnsupportedFormatException}.
 */
public final class Formats {
    private Formats() {}

    /**
     * The language of a known format, or empty for a format that is a mere annotation (an unknown name).
     *
     * @throws UnsupportedFormatException for a known format we cannot enforce exactly
     */
    public static Optional<Expr> forName(String name) {
        return Optional.ofNullable(switch (name) {
            case "date-time" -> DateTimeFormats.DATE_TIME;
            case "date" -> DateTimeFormats.DATE;
            case "time" -> DateTimeFormats.TIME;
            case "duration" -> DateTimeFormats.DURATION;
            case "email" -> NetworkFormats.EMAIL;
            case "ipv4" -> NetworkFormats.IPV4;
            case "ipv6" -> NetworkFormats.IPV6;
            case "uuid" -> NetworkFormats.UUID;
            case "uri" -> UriFormats.URI;
            case "uri-reference" -> UriFormats.URI_REFERENCE;
            case "iri" -> UriFormats.IRI;
            case "iri-reference" -> UriFormats.IRI_REFERENCE;
            case "uri-template" -> UriFormats.URI_TEMPLATE;
            case "json-pointer" -> PointerFormats.JSON_POINTER;
            case "relative-json-pointer" -> PointerFormats.RELATIVE_JSON_POINTER;
            case "regex" -> throw new UnsupportedFormatException(name,
                    "checking a regular expression's syntax is not regular");
            case "hostname" -> throw new UnsupportedFormatException(name,
                    "punycode A-labels (xn--...) are valid only if they decode to a valid IDNA2008 label, which is not regular");
            case "idn-email", "idn-hostname" -> throw new UnsupportedFormatException(name,
                    "internationalized names need IDNA2008 validation (Unicode properties, contextual and bidi rules)");
            default -> null;
        });
    }
}
