package dev.schemagate.grammar.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.check.ReferenceRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema Test Suite's regex cases (draft 2020-12 {@code pattern.json} and
 * {@code optional/ecmascript-regex.json}): every {@code pattern} and every {@code patternProperties} with
 * {@code additionalProperties: false} is compiled with {@link EcmaRegex#search} and checked on its tests.
 */
class EcmaRegexTestSuiteTest {
    @ParameterizedTest
    @ValueSource(strings = {"pattern.json", "optional/ecmascript-regex.json"})
    void suiteCasesPass(String file) throws IOException {
        Path path = MaskBenchPatterns.shared().resolve("json-schema-test-suite/tests/draft2020-12").resolve(file);
        int checked = 0;
        for (Object groupValue : (List<?>) JsonValueReader.read(Files.readString(path))) {
            Map<?, ?> group = (Map<?, ?>) groupValue;
            Map<?, ?> schema = (Map<?, ?>) group.get("schema");
            for (Object testValue : (List<?>) group.get("tests")) {
                Map<?, ?> test = (Map<?, ?>) testValue;
                Boolean verdict = verdict(schema, test.get("data"));
                if (verdict == null) continue;
                checked++;
                assertEquals(test.get("valid"), verdict, () -> group.get("description") + " / " + test.get("description"));
            }
        }
        assertTrue(checked >= 10, "only " + checked + " cases checked in " + file);
    }

    /** Whether the regex keywords accept the instance; null for schemas this test does not interpret. */
    private static Boolean verdict(Map<?, ?> schema, Object data) {
        if (schema.get("pattern") instanceof String pattern) {
            return !(data instanceof String s) || ReferenceRecognizer.matches(EcmaRegex.search(pattern), s);
        }
        if (schema.get("patternProperties") instanceof Map<?, ?> pp && Boolean.FALSE.equals(schema.get("additionalProperties"))) {
            if (!(data instanceof Map<?, ?> object)) return true;
            return object.keySet().stream().allMatch(key -> pp.keySet().stream()
                    .anyMatch(p -> ReferenceRecognizer.matches(EcmaRegex.search((String) p), (String) key)));
        }
        return null;
    }
}
