package dev.schemagate.gateway.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One stored Responses-API response.
 *
 * @param response the full response object as returned to the client, {@code output} included
 * @param inputItems the items of this request's {@code input} only, each an object with a string {@code id}
 * @param previousResponseId the response this one continues, or null
 */
public record StoredResponse(String id, String previousResponseId, long createdAt, ObjectNode response, ArrayNode inputItems) {
    public StoredResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(inputItems, "inputItems");
    }
}
