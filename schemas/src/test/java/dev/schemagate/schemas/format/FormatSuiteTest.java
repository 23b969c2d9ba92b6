package dev.schemagate.schemas.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.schemas.validate.InstanceValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every string case of the JSON Schema Test Suite's optional/format files, draft 7 and 2020-12. A valid case may
 * be rejected only where networknt, the gateway's second check, rejects it too (the formats are narrowed to it).
 */
class FormatSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REFUSED = Set.of("regex", "idn-email", "idn-hostname", "hostname");

    private record Case(String draft, String format, String description, String data, boolean valid) {}

    private static List<Case> suiteCases() throws IOException {
        Path tests = Path.of(System.getProperty("schemagate.shared", "../shared"), "json-schema-test-suite", "tests");
        ObjectMapper json = JSON;
        List<Case> cases = new ArrayList<>();
        for (String draft : List.of("draft7", "draft2020-12")) {
            try (Stream<Path> files = Files.list(tests.resolve(draft).resolve("optional").resolve("format"))) {
                for (Path file : files.sorted().toList()) {
                    for (JsonNode group : json.readTree(file.toFile())) {
                        String format = group.get("schema").get("format").asText();
                        for (JsonNode test : group.get("tests")) {
                            if (!test.get("data").isTextual()) continue;
                            cases.add(new Case(draft, format, test.get("description").asText(),
                                    test.get("data").asText(), test.get("valid").asBoolean()));
                        }
                    }
                }
            }
        }
        return cases;
    }

    private static boolean networkntAccepts(Case c) {
        ObjectNode schema = JSON.createObjectNode().put("format", c.format());
        return new InstanceValidator(schema).validate(TextNode.valueOf(c.data())).isEmpty();
    }

    @Test
    void everySuiteCaseAgreesOrIsAKnownRefusal() throws IOException {
        List<Case> cases = suiteCases();
        assertTrue(cases.size() > 500, "suite cases found: " + cases.size());
        Map<String, int[]> perFormat = new TreeMap<>();
        List<String> wronglyAccepted = new ArrayList<>();
        List<String> wronglyRejected = new ArrayList<>();
        List<String> narrowed = new ArrayList<>();
        for (Case c : cases) {
            Optional<Expr> language;
            try {
                language = Formats.forName(c.format());
            } catch (UnsupportedFormatException e) {
                assertTrue(REFUSED.contains(c.format()), "refused " + c.format());
                assertEquals(c.format(), e.format());
                continue;
            }
            assertTrue(!REFUSED.contains(c.format()), "should refuse " + c.format());
            if (language.isEmpty()) {
                assertEquals("unknown", c.format());
                assertTrue(c.valid(), c.description());
                continue;
            }
            int[] counts = perFormat.computeIfAbsent(c.format(), k -> new int[2]);
            counts[0]++;
            boolean accepted = ReferenceRecognizer.matches(language.get(), c.data());
            if (accepted == c.valid()) continue;
            String line = c.draft() + " " + c.format() + " \"" + c.data() + "\": " + c.description();
            if (accepted) {
                wronglyAccepted.add(line);
            } else if (networkntAccepts(c)) {
                wronglyRejected.add(line);
            } else {
                narrowed.add(line);
                continue;
            }
            counts[1]++;
        }
        System.out.println("format cases checked (cases, disagreements) " + perFormat.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1]).toList());
        System.out.println("valid cases rejected with networknt: " + narrowed);
        assertEquals(List.of(), wronglyAccepted, "invalid values accepted");
        assertEquals(List.of(), wronglyRejected, "valid values rejected");
        assertEquals(Set.of("date-time", "date", "time", "duration", "email", "ipv4", "ipv6", "uuid", "uri",
                "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer", "relative-json-pointer"),
                perFormat.keySet());
    }
}
