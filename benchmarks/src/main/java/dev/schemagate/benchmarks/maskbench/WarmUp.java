package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.schemas.instance.PythonJson;

import java.io.UncheckedIOException;

/**
 * Runs a few built-in schemas (none from the measured set) through the same per-file procedure so the first
 * measured files do not pay for JIT compilation. Results are discarded; refused schemas are fine here.
 */
public final class WarmUp {
    private static final int ROUNDS = 30;
    private static final long BUDGET_NANOS = 5_000_000_000L;

    private static final String DOCUMENTS = """
            [
             {"schema": {"type": "object",
                         "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 40},
                                        "age": {"type": "integer", "minimum": 0, "maximum": 150},
                                        "score": {"type": "number"},
                                        "active": {"type": "boolean"},
                                        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5}},
                         "required": ["name", "age"], "additionalProperties": false},
              "tests": [{"valid": true, "data": {"name": "Ada Lovelace", "age": 36, "score": 9.5, "active": true,
                                                 "tags": ["math", "engines", "notes"]}},
                        {"valid": false, "data": {"name": "", "age": -1}},
                        {"valid": false, "data": {"name": "x", "age": 3, "extra": null}}]},
             {"schema": {"type": "array", "minItems": 1,
                         "items": {"type": "object",
                                   "properties": {"id": {"type": "string", "pattern": "^[a-z]{2}-[0-9]{3}$"},
                                                  "kind": {"enum": ["alpha", "beta", "gamma"]},
                                                  "when": {"type": "string", "format": "date-time"},
                                                  "note": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
                                   "required": ["id", "kind"]}},
              "tests": [{"valid": true, "data": [{"id": "ab-123", "kind": "beta", "when": "2024-05-01T10:00:00Z",
                                                  "note": "première entrée, avec des accents"},
                                                 {"id": "cd-456", "kind": "gamma", "note": null}]},
                        {"valid": false, "data": [{"id": "ab-12", "kind": "beta"}]},
                        {"valid": false, "data": []}]},
             {"schema": {"$defs": {"node": {"type": "object",
                                            "properties": {"value": {"type": "integer"},
                                                           "children": {"type": "array",
                                                                        "items": {"$ref": "#/$defs/node"}}},
                                            "required": ["value"]}},
                         "$ref": "#/$defs/node"},
              "tests": [{"valid": true, "data": {"value": 1, "children": [{"value": 2}, {"value": 3, "children": []}]}},
                        {"valid": false, "data": {"value": 1, "children": [{"value": "two"}]}}]}
            ]
            """;

    private WarmUp() {}

    public static void run(FileRunner runner) {
        JsonNode documents;
        try {
            documents = PythonJson.MAPPER.readTree(DOCUMENTS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + BUDGET_NANOS;
        for (int round = 0; round < ROUNDS && System.nanoTime() < deadline; round++) {
            for (JsonNode document : documents) runner.run("warm-up", document);
        }
    }
}
