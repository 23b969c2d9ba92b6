package dev.schemagate.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import dev.schemagate.gateway.tools.ToolCallFormat;
import dev.schemagate.gateway.tools.ToolSpec;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.gbnf.GbnfCompiler;
import dev.schemagate.grammar.lark.LarkCompiler;
import dev.schemagate.grammar.regex.GuidedRegex;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.lark.JsonSchemaTerminals;
import dev.schemagate.schemas.validate.InstanceValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second line of defence: a finished constrained output checked by an independent validator (networknt
 * for JSON Schema, the reference recognizer for regexes and grammars). A failure here is a bug of the mask engine.
 */
public final class OutputValidator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHED_SCHEMAS = 256;
    private static final int GRAMMAR_CHECK_CHARS = 1024;
    private final Map<String, InstanceValidator> validators = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, InstanceValidator> eldest) {
            return size() > CACHED_SCHEMAS;
        }
    };

    private final Map<String, Grammar> grammars = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Grammar> eldest) {
            return size() > CACHED_SCHEMAS;
        }
    };

    /** The problems found; empty when the output is valid. */
    public List<String> check(ConstraintSpec spec, String text, List<ToolCallFormat.ParsedCall> calls) {
        return switch (spec) {
            case ConstraintSpec.JsonSchema s -> json(s.schema(), text);
            case ConstraintSpec.JsonObject s -> json(JSON.createObjectNode().put("type", "object"), text);
            case ConstraintSpec.Regex s -> ReferenceRecognizer.accepts(GuidedRegex.grammar(s.pattern()), text)
                    ? List.of() : List.of("the output does not match the regex");
            case ConstraintSpec.Choice s -> s.options().contains(text) ? List.of() : List.of("the output is not one of the choices");
            case ConstraintSpec.GrammarText s -> grammar(s, text);
            case ConstraintSpec.ToolCalls s -> toolCalls(s.tools(), calls, true);
            case ConstraintSpec.AnswerOrTools s -> calls.isEmpty() ? check(s.answer(), text, calls) : toolCalls(s.tools().tools(), calls, true);
        };
    }

    /** Each call names a tool and its arguments validate against that tool's schema. */
    public List<String> toolCalls(List<ToolSpec> tools, List<ToolCallFormat.ParsedCall> calls, boolean atLeastOne) {
        List<String> problems = new ArrayList<>();
        if (atLeastOne && calls.isEmpty()) problems.add("no tool call was parsed from the output");
        for (ToolCallFormat.ParsedCall call : calls) {
            ToolSpec tool = tools.stream().filter(t -> t.name().equals(call.name())).findFirst().orElse(null);
            if (tool == null) {
                problems.add("call of unknown tool '" + call.name() + "'");
                continue;
            }
            for (String p : json(tool.parameters(), call.arguments())) problems.add(call.name() + ": " + p);
        }
        return problems;
    }

    /**
     * GBNF and Lark outputs against the grammar compiled again and recognized by the slow reference recognizer
     * (no lexer, no mask engine). Its memo grows with the square of the output and it runs where the sequence
     * finished (the scheduler's thread), so outputs over 1,024 characters are left to the mask engine alone.
     */
    private List<String> grammar(ConstraintSpec.GrammarText spec, String text) {
        if (text.length() > GRAMMAR_CHECK_CHARS) return List.of();
        Grammar grammar;
        synchronized (grammars) {
            grammar = grammars.computeIfAbsent(spec.syntax() + '\u0000' + spec.text(), k -> spec.syntax().equals("gbnf")
                    ? GbnfCompiler.compile(spec.text()) : LarkCompiler.compile(spec.text(), new JsonSchemaTerminals(JsonSchemaOptions.COMPACT.withClosedObjects())));
        }
        return ReferenceRecognizer.accepts(grammar, text) ? List.of() : List.of("the output is not in the grammar's language");
    }

    private List<String> json(JsonNode schema, String text) {
        JsonNode instance;
        try {
            instance = JSON.readTree(text);
        } catch (Exception e) {
            return List.of("the output is not JSON: " + e.getMessage());
        }
        if (instance == null) return List.of("the output is empty");
        InstanceValidator validator;
        synchronized (validators) {
            validator = validators.computeIfAbsent(schema.toString(), k -> new InstanceValidator(schema));
        }
        return validator.validate(instance);
    }
}
