package dev.schemagate.cli;

import dev.schemagate.schemas.JsonSchemaOptions;
import picocli.CommandLine.Option;

/** How much JSON whitespace the constraint allows between tokens (default: any, as the JSON spec does). */
final class WhitespaceOptions {
    @Option(names = "--compact", description = "allow no whitespace (json.dumps' \", \" separators then fail)")
    boolean compact;

    @Option(names = "--max-ws", paramLabel = "N", description = "allow runs of at most N whitespace bytes")
    Integer maxWhitespace;

    JsonSchemaOptions options() {
        if (compact && maxWhitespace != null) throw new UsageException("--compact and --max-ws exclude each other");
        if (compact) return JsonSchemaOptions.COMPACT;
        if (maxWhitespace == null) return JsonSchemaOptions.DEFAULT;
        if (maxWhitespace < 0) throw new UsageException("--max-ws must be >= 0");
        return new JsonSchemaOptions(maxWhitespace);
    }
}
