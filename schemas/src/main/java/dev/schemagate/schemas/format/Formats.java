package dev.schemagate.schemas.format;

import dev.schemagate.grammar.Expr;
import java.util.Optional;

/** Regular languages (over code points) of the JSON Schema {@code format} values we enforce. */
public final class Formats {
    private Formats() {}

    /** The language of a known format, or empty for a format that is a mere annotation. */
    public static Optional<Expr> forName(String name) {
        return Optional.empty();
    }
}
