package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.choice.ChoiceCompiler;
import dev.schemagate.grammar.gbnf.GbnfCompiler;
import dev.schemagate.grammar.lark.LarkCompiler;
import dev.schemagate.grammar.regex.GuidedRegex;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.schemas.instance.PythonJson;
import dev.schemagate.schemas.lark.JsonSchemaTerminals;
import java.util.ArrayList;
import java.util.List;

/** The grammar languages {@code maskbench --grammar} reads, each turned into the grammar IR. */
public enum GrammarSyntax {
    GBNF,
    LARK,
    /** A pattern the whole output must match (guided_regex); a trailing newline of the file is not part of it. */
    REGEX,
    /** A JSON array of strings, one of which is the whole output (guided_choice). */
    CHOICE,
    /** A JSON Schema, so the schema path can be measured on the same inputs. */
    JSONSCHEMA;

    /** @throws GrammarException when the text is refused */
    public Grammar compile(String text, JsonSchemaOptions options) {
        return switch (this) {
            case GBNF -> GbnfCompiler.compile(text);
            case LARK -> LarkCompiler.compile(text, new JsonSchemaTerminals(options));
            case REGEX -> GuidedRegex.grammar(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
            case CHOICE -> {
                JsonNode list = json(text);
                if (!list.isArray()) throw new GrammarException("a choice file is a JSON array of strings");
                List<String> choices = new ArrayList<>();
                for (JsonNode c : list) {
                    if (!c.isTextual()) throw new GrammarException("a choice file is a JSON array of strings, not " + c);
                    choices.add(c.asText());
                }
                yield ChoiceCompiler.compile(choices);
            }
            case JSONSCHEMA -> JsonSchemaCompiler.compile(json(text), options);
        };
    }

    private static JsonNode json(String text) {
        try {
            return PythonJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new GrammarException("not JSON: " + e.getOriginalMessage());
        }
    }
}
