package dev.schemagate.tokenizer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every corpus string must encode to the ids Hugging Face's tokenizer produces (recorded by
 * scripts/tokenizer-reference.sh with @lenml/tokenizers) and decode back to itself.
 */
class BpeTokenizerReferenceTest {
    private static final int REPORTED_MISMATCHES = 10;

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "qwen3"})
    void encodesLikeTheReference(String name) throws IOException {
        BpeTokenizer tokenizer = ReferenceFiles.tokenizer(name);
        List<ReferenceFiles.Case> cases = ReferenceFiles.referenceCases(name);
        boolean normalizesToNfc = name.equals("qwen3");
        List<String> mismatches = new ArrayList<>();
        int failures = 0;
        for (ReferenceFiles.Case c : cases) {
            int[] actual = tokenizer.encode(c.text());
            String expectedText = normalizesToNfc ? Normalizer.normalize(c.text(), Normalizer.Form.NFC) : c.text();
            String decoded = tokenizer.decode(actual);
            if (Arrays.equals(actual, c.ids()) && decoded.equals(expectedText)) continue;
            failures++;
            if (mismatches.size() < REPORTED_MISMATCHES) {
                mismatches.add(c.kind() + " text " + quote(c.text()) + "\n  expected " + Arrays.toString(c.ids())
                        + "\n  actual   " + Arrays.toString(actual) + "\n  decoded  " + quote(decoded));
            }
        }
        System.out.printf("%s: %d reference strings checked, %d mismatches%n", name, cases.size(), failures);
        assertTrue(mismatches.isEmpty(), failures + " of " + cases.size() + " strings differ from the reference:\n"
                + String.join("\n", mismatches));
    }

    private static String quote(String text) {
        String shown = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        return '"' + shown.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"';
    }
}
