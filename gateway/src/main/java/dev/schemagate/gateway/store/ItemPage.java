package dev.schemagate.gateway.store;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** One page of a stored response's input items, and whether more follow in the same order. */
public record ItemPage(ArrayNode data, boolean hasMore) {}
