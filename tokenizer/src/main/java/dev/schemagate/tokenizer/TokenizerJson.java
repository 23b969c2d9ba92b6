package dev.schemagate.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tokenizer.json read in one streaming pass: the model's vocab and merges (hundreds of thousands of
 * entries, too costly as a JSON tree) go straight into collections; every other part is kept as a tree.
 *
 * @param root   the top-level object, without "model"
 * @param model  the "model" object, without "vocab" and "merges"
 * @param merges each rule as its two token strings, in rank order
 */
record TokenizerJson(ObjectNode root, ObjectNode model, Map<String, Integer> vocab, List<String[]> merges) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static TokenizerJson read(Path file) throws IOException {
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, file);
            ObjectNode root = MAPPER.createObjectNode();
            ObjectNode model = MAPPER.createObjectNode();
            Map<String, Integer> vocab = new HashMap<>();
            List<String[]> merges = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("model")) readModel(parser, model, vocab, merges, file);
                else root.set(field, parser.readValueAsTree());
            }
            return new TokenizerJson(root, model, vocab, merges);
        }
    }

    private static void readModel(JsonParser parser, ObjectNode model, Map<String, Integer> vocab,
                                  List<String[]> merges, Path file) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, file);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "vocab" -> {
                    expect(parser.currentToken(), JsonToken.START_OBJECT, file);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String token = parser.currentName();
                        expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT, file);
                        vocab.put(token, parser.getIntValue());
                    }
                }
                case "merges" -> {
                    expect(parser.currentToken(), JsonToken.START_ARRAY, file);
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        merges.add(parser.currentToken() == JsonToken.VALUE_STRING
                                ? splitMergeRule(parser.getText())
                                : mergeRule(parser.readValueAsTree()));
                    }
                }
                default -> model.set(field, parser.readValueAsTree());
            }
        }
    }

    /** The array form of a rule: ["left", "right"]. */
    private static String[] mergeRule(JsonNode rule) {
        if (rule.isArray() && rule.size() == 2 && rule.get(0).isTextual() && rule.get(1).isTextual()) {
            return new String[] {rule.get(0).asText(), rule.get(1).asText()};
        }
        throw new UnsupportedTokenizerException("malformed merge rule: " + rule);
    }

    /** The string form of a rule: "left right", with exactly one space since byte-level tokens have none. */
    private static String[] splitMergeRule(String rule) {
        int space = rule.indexOf(' ');
        if (space < 0 || rule.indexOf(' ', space + 1) >= 0) {
            throw new UnsupportedTokenizerException("malformed merge rule: \"" + rule + "\"");
        }
        return new String[] {rule.substring(0, space), rule.substring(space + 1)};
    }

    private static void expect(JsonToken actual, JsonToken expected, Path file) {
        if (actual != expected) {
            throw new UnsupportedTokenizerException(file + ": expected " + expected + " but found " + actual);
        }
    }
}
