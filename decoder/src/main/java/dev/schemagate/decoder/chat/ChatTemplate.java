package dev.schemagate.decoder.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.schemagate.decoder.gguf.GgufFile;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.CompositeELResolver;

/**
 * A model's chat template (Jinja, as in Hugging Face's tokenizer_config.json or GGUF's
 * {@code tokenizer.chat_template}) rendered with jinjava the way transformers renders it: trim_blocks and
 * lstrip_blocks on, the globals {@code messages}, {@code tools}, {@code add_generation_prompt}, {@code bos_token},
 * {@code eos_token}, the functions {@code raise_exception} and {@code strftime_now}, Python's {@code json.dumps}
 * as {@code tojson}, {@code namespace()}, and the Python str methods templates call. Safe to share between threads.
 */
public final class ChatTemplate {
    private static final long MAX_OUTPUT_CHARS = 16 << 20;

    private final String source;
    private final String prepared;
    private final String bos;
    private final String eos;
    private final Jinjava jinjava;

    /**
     * @param source the template text
     * @param bos    the text of the model's BOS token ("" when it has none), the template's {@code bos_token}
     * @param eos    the text of its EOS token, the template's {@code eos_token}
     * @throws ChatTemplateException if the template does not parse
     */
    public ChatTemplate(String source, String bos, String eos) {
        this.source = source;
        this.prepared = TemplateSource.rewrite(source);
        this.bos = bos;
        this.eos = eos;
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                .withMaxOutputSize(MAX_OUTPUT_CHARS)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withEvaluateMapKeys(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .build());
        jinjava.getGlobalContext().registerFilter(new PythonJson());
        jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", "raise_exception", TemplateFunctions.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", "strftime_now", TemplateFunctions.class, "strftimeNow", String.class));
        checkSyntax();
    }

    /**
     * The template in {@code tokenizer.chat_template}, with the texts of the file's BOS and EOS tokens.
     *
     * @throws ChatTemplateException if the file has no chat template or it does not parse
     */
    public static ChatTemplate fromGguf(GgufFile gguf) {
        if (!gguf.has("tokenizer.chat_template")) {
            throw new ChatTemplateException("GGUF file " + gguf.path() + " has no chat template (tokenizer.chat_template)");
        }
        return new ChatTemplate(gguf.getString("tokenizer.chat_template"),
                tokenText(gguf, "tokenizer.ggml.bos_token_id"), tokenText(gguf, "tokenizer.ggml.eos_token_id"));
    }

    private static String tokenText(GgufFile gguf, String idKey) {
        if (!gguf.has(idKey) || !gguf.has("tokenizer.ggml.tokens")) return "";
        List<String> tokens = gguf.getStrings("tokenizer.ggml.tokens");
        long id = gguf.getLong(idKey);
        return id >= 0 && id < tokens.size() ? tokens.get((int) id) : "";
    }

    public String source() {
        return source;
    }

    /** Whether the template reads the {@code tools} variable, i.e. has a tool-calling format of its own. */
    public boolean readsTools() {
        return prepared.matches("(?s).*\\btools\\b.*");
    }

    /** The prompt for {@code messages}, ending with the assistant's turn opening when {@code addGenerationPrompt}. */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return render(messages, addGenerationPrompt, null);
    }

    /**
     * @param tools tool descriptions as the template expects them (usually {@code {"type": "function", "function":
     *              {"name", "description", "parameters"}}}), or null for none
     * @throws ChatTemplateException if rendering fails or the template raises an exception
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt, List<Map<String, Object>> tools) {
        Map<String, Object> context = new HashMap<>();
        List<Map<String, Object>> list = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) list.add(asMap(message));
        context.put("messages", list);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.put("bos_token", bos);
        context.put("eos_token", eos);
        if (tools != null) context.put("tools", tools);
        RenderResult result;
        try {
            result = jinjava.renderForResult(prepared, context);
        } catch (RuntimeException e) {
            throw new ChatTemplateException("chat template failed: " + e.getMessage(), e);
        }
        requireNoErrors(result.getErrors(), "rendering");
        return result.getOutput();
    }

    private static Map<String, Object> asMap(ChatMessage message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("role", message.role());
        map.put("content", message.content());
        if (!message.toolCalls().isEmpty()) map.put("tool_calls", message.toolCalls());
        return map;
    }

    private void checkSyntax() {
        JinjavaInterpreter interpreter = jinjava.newInterpreter();
        try {
            interpreter.parse(prepared);
        } catch (RuntimeException e) {
            throw new ChatTemplateException("chat template does not parse: " + e.getMessage(), e);
        }
        requireNoErrors(interpreter.getErrors(), "parsing");
    }

    /** Fatal errors and syntax errors fail; jinjava's other warnings (such as an unknown variable) are Jinja's silence. */
    private static void requireNoErrors(List<TemplateError> errors, String phase) {
        List<String> messages = new ArrayList<>();
        for (TemplateError error : errors) {
            if (error.getSeverity() != TemplateError.ErrorType.FATAL && error.getReason() != TemplateError.ErrorReason.SYNTAX_ERROR) continue;
            for (Throwable cause = error.getException(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ChatTemplateException raised) throw raised;
            }
            messages.add("line " + error.getLineno() + ": " + error.getMessage());
        }
        if (!messages.isEmpty()) throw new ChatTemplateException("chat template failed while " + phase + ": " + String.join("; ", messages));
    }

    /** Functions Hugging Face's renderer adds to Jinja's globals, called by jinjava through reflection. */
    static final class TemplateFunctions {
        private TemplateFunctions() {}

        public static String raiseException(String message) {
            throw new ChatTemplateException("chat template raised an exception: " + message);
        }

        public static String strftimeNow(String format) {
            return Strftime.format(format, ZonedDateTime.now());
        }
    }
}
