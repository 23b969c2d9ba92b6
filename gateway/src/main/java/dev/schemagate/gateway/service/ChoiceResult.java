package dev.schemagate.gateway.service;

import dev.schemagate.gateway.engine.GeneratedToken;
import dev.schemagate.gateway.engine.SequenceOutcome;
import dev.schemagate.gateway.tools.ToolCallFormat;
import java.util.List;

/**
 * One finished choice.
 *
 * @param content      the text answer (before any tool call), or null when there is none
 * @param finishReason OpenAI's: stop, length, tool_calls; null when the sequence failed ({@link #error()})
 * @param error        why the sequence failed or timed out, or null
 */
public record ChoiceResult(int index, String text, String content, List<ToolCallFormat.ParsedCall> calls, List<String> callIds,
                           String finishReason, String error, boolean timedOut, List<GeneratedToken> tokens,
                           SequenceOutcome outcome, List<String> validationProblems) {
}
