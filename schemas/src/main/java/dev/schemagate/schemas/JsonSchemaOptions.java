package dev.schemagate.schemas;

/**
 * How the generated JSON may be laid out. {@code maxWhitespaceRun} bounds each run of JSON whitespace
 * between tokens (in bytes); 0 is compact output, {@link #UNBOUNDED} allows any run as the JSON spec does.
 *
 * @param closedObjects an object schema that declares {@code properties} but says nothing of
 *                      {@code additionalProperties} gets no other keys: for generation, where open schemas (most
 *                      Pydantic and zod output) otherwise let a model invent keys. Every output still validates
 *                      against the schema as written; only the validation of instances (MaskBench) needs it off.
 */
public record JsonSchemaOptions(int maxWhitespaceRun, boolean closedObjects) {
    public static final int UNBOUNDED = -1;
    public static final JsonSchemaOptions DEFAULT = new JsonSchemaOptions(UNBOUNDED);
    public static final JsonSchemaOptions COMPACT = new JsonSchemaOptions(0);

    public JsonSchemaOptions(int maxWhitespaceRun) {
        this(maxWhitespaceRun, false);
    }

    public JsonSchemaOptions withClosedObjects() {
        return new JsonSchemaOptions(maxWhitespaceRun, true);
    }

    public JsonSchemaOptions {
        if (maxWhitespaceRun < UNBOUNDED) throw new IllegalArgumentException("maxWhitespaceRun must be >= 0 or UNBOUNDED");
    }
}
