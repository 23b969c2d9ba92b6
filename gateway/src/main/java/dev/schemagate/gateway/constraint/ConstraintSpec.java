package dev.schemagate.gateway.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.gateway.tools.ToolSpec;
import java.util.List;

/** What a request constrains its output to, before compilation. Equal specs compile to the same constraint. */
public sealed interface ConstraintSpec {
    /** A JSON value valid under {@code schema}. */
    record JsonSchema(JsonNode schema) implements ConstraintSpec {}

    /** Any JSON object ({@code response_format: json_object}). */
    record JsonObject() implements ConstraintSpec {}

    /** Text the regular expression matches as a whole. */
    record Regex(String pattern) implements ConstraintSpec {}

    /** Exactly one of the strings. */
    record Choice(List<String> options) implements ConstraintSpec {
        public Choice {
            options = List.copyOf(options);
        }
    }

    /** Text of a grammar in {@code syntax} ("gbnf" or "lark"). */
    record GrammarText(String syntax, String text) implements ConstraintSpec {}

    /**
     * Tool calls in the model's tool-call format, arguments valid under each tool's schema.
     *
     * @param opened   the text starts after the first call's opening tag (the model already wrote it: tool_choice auto)
     * @param parallel more than one call may follow the first
     */
    record ToolCalls(List<ToolSpec> tools, boolean parallel, boolean opened) implements ConstraintSpec {
        public ToolCalls {
            tools = List.copyOf(tools);
        }
    }

    /** tool_choice auto with a response format: either an answer under {@code answer} or tool calls. */
    record AnswerOrTools(ConstraintSpec answer, ToolCalls tools) implements ConstraintSpec {}
}
