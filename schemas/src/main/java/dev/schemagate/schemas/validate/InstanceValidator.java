package dev.schemagate.schemas.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/**
 * Checks an instance against a JSON Schema with an independent validator (networknt), formats asserted as
 * the mask engine enforces them: the second line of defence after constrained decoding.
 */
public final class InstanceValidator {
    private final JsonSchema schema;

    public InstanceValidator(JsonNode schemaNode) {
        SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(schemaNode, false)
                .orElse(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        this.schema = JsonSchemaFactory.getInstance(version).getSchema(schemaNode, config);
    }

    /** The violations, each naming the instance location; empty when the instance is valid. */
    public List<String> validate(JsonNode instance) {
        return schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
