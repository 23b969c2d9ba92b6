package dev.schemagate.schemas.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.schemas.SchemaCompileException;

/** The JSON Schema dialects we read; the differences that matter are listed on the methods. */
public enum Draft {
    DRAFT_4, DRAFT_6, DRAFT_7, DRAFT_2019_09, DRAFT_2020_12;

    /**
     * The dialect named by the root's {@code $schema}; 2020-12 when absent. Any other meta-schema (or a root
     * declaring {@code $vocabulary}) may change which keywords apply, and we never fetch one, so it is refused.
     */
    public static Draft of(JsonNode root) {
        if (root.has("$vocabulary")) {
            throw new SchemaCompileException("$schema", "", "custom meta-schemas and vocabularies are not supported");
        }
        JsonNode s = root.path("$schema");
        if (s.isMissingNode()) return DRAFT_2020_12;
        String uri = s.isTextual() ? s.textValue().replaceFirst("^https?://", "").replaceFirst("#$", "") : "";
        return switch (uri) {
            case "json-schema.org/draft-04/schema" -> DRAFT_4;
            case "json-schema.org/draft-06/schema" -> DRAFT_6;
            case "json-schema.org/draft-07/schema" -> DRAFT_7;
            case "json-schema.org/draft/2019-09/schema" -> DRAFT_2019_09;
            case "json-schema.org/draft/2020-12/schema" -> DRAFT_2020_12;
            default -> throw new SchemaCompileException("$schema", "", "unknown meta-schema " + s
                    + " (only drafts 4, 6, 7, 2019-09 and 2020-12 are read)");
        };
    }

    /** Up to draft 7 a {@code $ref} replaces its whole schema object; later drafts apply its siblings too. */
    public boolean refIgnoresSiblings() {
        return compareTo(DRAFT_7) <= 0;
    }

    /** Draft 4 counts only integer spellings as integers ({@code 1.0} is a number there, not an integer). */
    public boolean integerNeedsIntegerSpelling() {
        return this == DRAFT_4;
    }

    /** Draft 4 names the identifier keyword {@code id}. */
    public String idKeyword() {
        return this == DRAFT_4 ? "id" : "$id";
    }
}
