package dev.schemagate.schemas.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.net.URI;

/**
 * A schema node with where it sits: its JSON pointer from the document root (unique, so it also serves as
 * identity) and the base URI its relative references resolve against.
 */
public record SchemaLoc(JsonNode node, String pointer, URI base) {
    /** The {@code false} schema introduced by the compiler itself (not present in the document). */
    public static final SchemaLoc FALSE = new SchemaLoc(BooleanNode.FALSE, "<false>", URI.create("urn:schemagate:false"));

    public boolean isFalse() {
        return node.isBoolean() && !node.booleanValue();
    }

    public static String escapeToken(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
