package dev.schemagate.schemas.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void acceptsValidAndNamesEachViolation() throws Exception {
        InstanceValidator v = new InstanceValidator(json("""
                {"type":"object","properties":{"n":{"type":"integer","minimum":3},"d":{"type":"string","format":"date"}},
                 "required":["n"],"additionalProperties":false}"""));
        assertEquals(List.of(), v.validate(json("{\"n\":3,\"d\":\"2024-02-29\"}")));
        assertFalse(v.validate(json("{\"n\":2}")).isEmpty());
        assertFalse(v.validate(json("{\"d\":\"2024-02-29\"}")).isEmpty());
        assertFalse(v.validate(json("{\"n\":3,\"x\":1}")).isEmpty());
    }

    @Test
    void assertsFormats() throws Exception {
        InstanceValidator v = new InstanceValidator(json("{\"type\":\"string\",\"format\":\"date\"}"));
        assertEquals(1, v.validate(json("\"2023-02-29\"")).size(), "2023 has no Feb 29");
    }

    @Test
    void followsTheDeclaredDraft() throws Exception {
        // Draft 4's exclusiveMaximum is a boolean modifier; 2020-12 reads a number.
        InstanceValidator draft4 = new InstanceValidator(json(
                "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"maximum\":5,\"exclusiveMaximum\":true}"));
        assertFalse(draft4.validate(json("5")).isEmpty());
        assertTrue(draft4.validate(json("4")).isEmpty());
    }
}
