package dev.schemagate.benchmarks.testsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.instance.PythonJson;
import dev.schemagate.schemas.validate.InstanceValidator;
import dev.schemagate.tokenizer.BpeTokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the JSON Schema Test Suite (json-schema-org) through the real mask engine: each instance is written as
 * Python's json.dumps writes it, tokenized, and must pass the mask token by token and end accepting exactly
 * when the suite says it is valid. A schema we refuse (GrammarException) counts its tests as refused. A valid
 * instance we reject that networknt, the gateway's output check, rejects too is skipped: formats are narrowed to
 * what it accepts (a fraction of 15 digits, an apostrophe in a URI template, an IPvFuture host).
 */
public final class SchemaTestSuite {
    public static final List<String> DRAFTS = List.of("draft7", "draft2020-12");

    /** Draft 7 files carry no {@code $schema}; we declare it as a user would, since the default is 2020-12. */
    private static final String DRAFT7_META = "http://json-schema.org/draft-07/schema#";
    /** Its schemas need custom metaschemas served by the suite's remote server, which we never fetch. */
    private static final Set<String> SKIPPED_FILES = Set.of("format-assertion.json");
    /**
     * contentMediaType/contentEncoding are annotations for us (as in 2020-12); this optional draft 7 file
     * expects them asserted, which would mean decoding base64 and parsing JSON inside strings.
     */
    private static final String ANNOTATION_ONLY_FILE = "draft7/optional/content.json";
    /** We assert known formats, so 2020-12's "format is only an annotation" cases expect what we do not do. */
    private static final String ANNOTATION_ONLY = "only an annotation by default";
    /** Every schema here needs a document fetched over the network: compiling one would mean ignoring it. */
    private static final String REMOTE_REF_FILE = "refRemote.json";

    private final MaskEngine engine;
    private final BpeTokenizer tokenizer;
    private final JsonSchemaOptions options;
    private final long[] mask;

    public SchemaTestSuite(MaskEngine engine, BpeTokenizer tokenizer, JsonSchemaOptions options) {
        this.engine = engine;
        this.tokenizer = tokenizer;
        this.options = options;
        this.mask = new long[engine.maskWords()];
    }

    /** Runs every file of {@link #DRAFTS} under {@code suiteRoot/tests}, optional ones included. */
    public SuiteResult run(Path suiteRoot) throws IOException {
        List<FileCounts> counts = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Path tests = suiteRoot.resolve("tests");
        for (String draft : DRAFTS) {
            Path dir = tests.resolve(draft);
            if (!Files.isDirectory(dir)) throw new IOException("no Test Suite folder " + dir);
            for (Path file : jsonFiles(dir)) {
                String label = tests.relativize(file).toString().replace('\\', '/');
                counts.add(runFile(label, draft, file, failures));
            }
        }
        return new SuiteResult(counts, failures);
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
        }
    }

    private FileCounts runFile(String label, String draft, Path file, List<Failure> failures) throws IOException {
        String fileName = file.getFileName().toString();
        int pass = 0, refuse = 0, fail = 0, skip = 0;
        for (JsonNode group : PythonJson.MAPPER.readTree(file.toFile())) {
            String groupName = group.path("description").asText();
            JsonNode tests = group.path("tests");
            if (SKIPPED_FILES.contains(fileName) || label.equals(ANNOTATION_ONLY_FILE)) {
                skip += tests.size();
                continue;
            }
            List<JsonNode> runnable = new ArrayList<>();
            for (JsonNode test : tests) {
                if (test.path("description").asText().contains(ANNOTATION_ONLY)) skip++;
                else runnable.add(test);
            }
            if (runnable.isEmpty()) continue;

            CompiledConstraint constraint;
            String compileFailure = null;
            JsonNode schema = declareDraft(group.path("schema"), draft);
            try {
                constraint = engine.compile(JsonSchemaCompiler.compile(schema, options));
                if (fileName.equals(REMOTE_REF_FILE)) compileFailure = "a remote $ref compiled; it must be refused";
            } catch (GrammarException e) {
                refuse += runnable.size();
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                constraint = null;
                compileFailure = "compile threw " + e;
            }
            for (JsonNode test : runnable) {
                boolean valid = test.path("valid").asBoolean();
                String detail = compileFailure != null ? compileFailure : check(constraint, test.path("data"), valid);
                if (detail == null) {
                    pass++;
                } else if (valid && compileFailure == null && !new InstanceValidator(schema).validate(test.path("data")).isEmpty()) {
                    skip++;
                } else {
                    fail++;
                    failures.add(new Failure(label, groupName, test.path("description").asText(), valid, detail));
                }
            }
        }
        return new FileCounts(label, pass, refuse, fail, skip);
    }

    /** Null when the engine's verdict on the instance matches {@code valid}, else what went wrong. */
    private String check(CompiledConstraint constraint, JsonNode data, boolean valid) {
        String text = PythonJson.dumps(data);
        try {
            Matcher matcher = constraint.matcher();
            int[] ids = tokenizer.encode(text);
            for (int i = 0; i < ids.length; i++) {
                int id = ids[i];
                matcher.fillMask(mask);
                boolean allowed = (mask[id >>> 6] & (1L << id)) != 0;
                if (allowed && !matcher.commit(id)) return "token " + id + " was in the mask but commit refused it";
                if (!allowed) {
                    return valid ? "rejected token " + i + " " + quote(tokenText(ids, i, i + 1)) + " after "
                            + quote(tokenText(ids, 0, i)) : null;
                }
            }
            if (!matcher.isAccepting()) return valid ? "not accepting at the end of " + quote(text) : null;
            return valid ? null : "accepted " + quote(text);
        } catch (RuntimeException | StackOverflowError e) {
            return "threw on " + quote(text) + ": " + e;
        }
    }

    private String tokenText(int[] ids, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) bytes.writeBytes(tokenizer.vocabulary().bytes(ids[i]));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        return "«" + text + "»";
    }

    private static JsonNode declareDraft(JsonNode schema, String draft) {
        if (!draft.equals("draft7") || !(schema instanceof ObjectNode object) || object.has("$schema")) return schema;
        ObjectNode declared = JsonNodeFactory.instance.objectNode();
        declared.put("$schema", DRAFT7_META);
        declared.setAll(object);
        return declared;
    }
}
