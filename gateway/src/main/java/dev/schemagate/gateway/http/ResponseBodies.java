package dev.schemagate.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.gateway.api.ApiException;
import dev.schemagate.gateway.engine.GeneratedToken;
import dev.schemagate.gateway.service.ChoiceResult;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** OpenAI's response objects, built as JSON trees. */
final class ResponseBodies {
    static final ObjectMapper JSON = new ObjectMapper();

    private ResponseBodies() {}

    static ObjectNode error(ApiException e) {
        ObjectNode error = JSON.createObjectNode();
        error.put("message", e.getMessage());
        error.put("type", e.type());
        error.put("param", e.param());
        error.put("code", e.code());
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return body;
    }

    static ObjectNode usage(int prompt, int completion, int cached) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        return usage;
    }

    static ObjectNode usage(List<ChoiceResult> results) {
        int completion = 0;
        int cached = 0;
        for (ChoiceResult r : results) {
            completion += r.outcome().completionTokens();
            cached = Math.max(cached, r.outcome().cachedTokens());
        }
        return usage(results.getFirst().outcome().promptTokens(), completion, cached);
    }

    static ObjectNode envelope(String id, String object, long created, String model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.put("object", object);
        body.put("created", created);
        body.put("model", model);
        body.put("system_fingerprint", "schemagate");
        return body;
    }

    /** The assistant message of a finished chat choice. */
    static ObjectNode message(ChoiceResult r) {
        ObjectNode message = JSON.createObjectNode();
        message.put("role", "assistant");
        message.put("content", r.content());
        message.putNull("refusal");
        if (!r.calls().isEmpty()) message.set("tool_calls", toolCalls(r, false));
        return message;
    }

    static ArrayNode toolCalls(ChoiceResult r, boolean withIndex) {
        ArrayNode calls = JSON.createArrayNode();
        for (int i = 0; i < r.calls().size(); i++) {
            ObjectNode call = calls.addObject();
            if (withIndex) call.put("index", i);
            call.put("id", r.callIds().get(i));
            call.put("type", "function");
            ObjectNode function = call.putObject("function");
            function.put("name", r.calls().get(i).name());
            function.put("arguments", r.calls().get(i).arguments());
        }
        return calls;
    }

    /** Chat logprobs: {@code {"content": [{token, logprob, bytes, top_logprobs}]}}. */
    static ObjectNode chatLogprobs(List<GeneratedToken> tokens) {
        ObjectNode logprobs = JSON.createObjectNode();
        ArrayNode content = logprobs.putArray("content");
        for (GeneratedToken t : tokens) {
            ObjectNode entry = tokenEntry(t.bytes(), t.logprob());
            ArrayNode top = entry.putArray("top_logprobs");
            for (GeneratedToken.Alternative a : t.alternatives()) top.add(tokenEntry(a.bytes(), a.logprob()));
            content.add(entry);
        }
        return logprobs;
    }

    /** Legacy completions logprobs: parallel arrays. */
    static ObjectNode completionLogprobs(List<GeneratedToken> tokens) {
        ObjectNode logprobs = JSON.createObjectNode();
        ArrayNode text = logprobs.putArray("tokens");
        ArrayNode values = logprobs.putArray("token_logprobs");
        ArrayNode top = logprobs.putArray("top_logprobs");
        ArrayNode offsets = logprobs.putArray("text_offset");
        int offset = 0;
        for (GeneratedToken t : tokens) {
            String s = new String(t.bytes(), StandardCharsets.UTF_8);
            text.add(s);
            values.add(t.logprob());
            ObjectNode alternatives = top.addObject();
            for (GeneratedToken.Alternative a : t.alternatives()) alternatives.put(new String(a.bytes(), StandardCharsets.UTF_8), a.logprob());
            offsets.add(offset);
            offset += s.length();
        }
        return logprobs;
    }

    private static ObjectNode tokenEntry(byte[] bytes, float logprob) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("token", new String(bytes, StandardCharsets.UTF_8));
        entry.put("logprob", logprob);
        ArrayNode b = entry.putArray("bytes");
        for (byte x : bytes) b.add(x & 0xff);
        return entry;
    }
}
