package dev.schemagate.gateway.api;

import dev.schemagate.decoder.chat.ChatMessage;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import dev.schemagate.gateway.tools.ToolSpec;
import java.util.List;

/**
 * A validated chat or completion request: what to generate, under which constraint, how to sample, how to
 * answer.
 *
 * @param messages   the conversation (chat), or null for a raw prompt
 * @param prompt     the raw prompt (completions), or null for chat
 * @param constraint the response format, or null for free text
 * @param constraintParam the request field the constraint came from, or null
 */
public record GenerationJob(String model, List<ChatMessage> messages, String prompt, ConstraintSpec constraint, String constraintParam,
                            List<ToolSpec> tools, ToolChoice toolChoice, boolean parallelToolCalls,
                            SamplingOptions sampling, boolean stream, boolean includeUsage) {
    public boolean chat() {
        return messages != null;
    }

    /** Whether the output may hold tool calls. */
    public boolean toolsActive() {
        return !tools.isEmpty() && toolChoice.mode() != ToolChoice.Mode.NONE;
    }
}
