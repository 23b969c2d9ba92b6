package dev.schemagate.schemas;

/**
 * How the generated JSON may be laid out. {@code maxWhitespaceRun} bounds each run of JSON whitespace
 * between tokens (in bytes); 0 is compact output, {@link #UNBOUNDED} allows any run as the JSON spec does.
 */
public record JsonSchemaOptions(int maxWhitespaceRun) {
    public static final int UNBOUNDED = -1;
    public static final JsonSchemaOptions DEFAULT = new JsonSchemaOptions(UNBOUNDED);
    public static final JsonSchemaOptions COMPACT = new JsonSchemaOptions(0);

    public JsonSchemaOptions {
        if (maxWhitespaceRun < UNBOUNDED) throw new IllegalArgumentException("maxWhitespaceRun must be >= 0 or UNBOUNDED");
    }
}
