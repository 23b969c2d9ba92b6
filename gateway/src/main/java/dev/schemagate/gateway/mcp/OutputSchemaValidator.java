package dev.schemagate.gateway.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.schemas.validate.InstanceValidator;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.List;
import java.util.Map;

/**
 * The SDK's check of structured tool results against a tool's output schema, done by the validator the gateway
 * already uses. The SDK's default needs networknt 2, which cannot share a classpath with the networknt 1 of the
 * schemas module, so it is never loaded.
 */
final class OutputSchemaValidator implements JsonSchemaValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        List<String> problems;
        try {
            problems = new InstanceValidator(JSON.valueToTree(schema)).validate(JSON.valueToTree(structuredContent));
        } catch (RuntimeException e) {
            return ValidationResponse.asInvalid("the output schema cannot be used: " + e.getMessage());
        }
        if (!problems.isEmpty()) return ValidationResponse.asInvalid(String.join("; ", problems));
        return ValidationResponse.asValid(JSON.valueToTree(structuredContent).toString());
    }
}
