package dev.schemagate.schemas.document;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON Schema dialects we read; the differences that matter are listed on the methods. */
public enum Draft {
    DRAFT_4, DRAFT_6, DRAFT_7, DRAFT_2019_09, DRAFT_2020_12;

    /** The dialect named by the root's {@code $schema}; 2020-12 when absent or unknown. */
    public static Draft of(JsonNode root) {
        JsonNode s = root.path("$schema");
        String uri = s.isTextual() ? s.textValue() : "";
        if (uri.contains("draft-04")) return DRAFT_4;
        if (uri.contains("draft-06")) return DRAFT_6;
        if (uri.contains("draft-07")) return DRAFT_7;
        if (uri.contains("2019-09")) return DRAFT_2019_09;
        return DRAFT_2020_12;
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
