package dev.schemagate.fsm.frontends;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.validate.InstanceValidator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every string the mask engine lets through for a format must pass the gateway's second check, networknt with
 * format assertions: random walks over Llama-3 tokens (steered to an end when the budget runs short) spell
 * the odd-but-allowed strings a small model writes, and each complete one is validated.
 */
class FormatOutputsValidateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WALKS = 60;
    private static final int BUDGET = 48;

    @ParameterizedTest
    @ValueSource(strings = {"date-time", "date", "time", "duration", "email", "ipv4", "ipv6", "uuid", "uri", "uri-reference",
            "iri", "iri-reference", "uri-template", "json-pointer", "relative-json-pointer"})
    void everyFinishedWalkValidates(String format) throws Exception {
        JsonNode schema = JSON.readTree("{\"type\": \"string\", \"format\": \"" + format + "\"}");
        CompiledConstraint constraint = Llama3.ENGINE.compile(JsonSchemaCompiler.compile(schema, JsonSchemaOptions.COMPACT));
        InstanceValidator validator = new InstanceValidator(schema);
        Random random = new Random(format.hashCode());
        long[] mask = new long[Llama3.ENGINE.maskWords()];
        List<String> invalid = new ArrayList<>();
        int finished = 0;
        for (int walk = 0; walk < WALKS; walk++) {
            Matcher m = constraint.matcher();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int step = 0; step < BUDGET && !m.isFinished(); step++) {
                m.fillMask(mask);
                m.steerToEnd(mask, BUDGET - step, 16);
                int token = endIfAllowed(mask, random);
                if (token < 0) token = Llama3.pickShort(mask, random);
                assertTrue(m.commit(token), "the matcher refused a token of its own mask");
                if (!m.isFinished()) out.writeBytes(Llama3.TOKENIZER.vocabulary().bytes(token));
            }
            // An output complete when the budget runs out is an answer, as in the gateway.
            if (!m.isFinished() && !m.isAccepting()) continue;
            finished++;
            String text = out.toString(StandardCharsets.UTF_8);
            List<String> errors = validator.validate(JSON.readTree(text));
            if (!errors.isEmpty()) invalid.add(text + " " + errors);
        }
        assertTrue(finished >= WALKS / 2, "only " + finished + " of " + WALKS + " walks finished");
        assertTrue(invalid.isEmpty(), invalid.size() + " outputs fail networknt:\n" + String.join("\n", invalid));
    }

    /** End-of-sequence when the mask allows it, one time in three, so walks end at varied lengths. */
    private static int endIfAllowed(long[] mask, Random random) {
        for (int eos : Llama3.TOKENIZER.vocabulary().endOfSequence()) {
            if ((mask[eos >>> 6] & (1L << eos)) != 0 && random.nextInt(3) == 0) return eos;
        }
        return -1;
    }
}
