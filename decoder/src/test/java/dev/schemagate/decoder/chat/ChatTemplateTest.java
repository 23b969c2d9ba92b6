package dev.schemagate.decoder.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.decoder.gguf.GgufFile;
import dev.schemagate.decoder.gguf.GgufWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real models' chat templates rendered to the exact text that follows from reading each template with Jinja2's
 * semantics (trim_blocks, lstrip_blocks, Python's json.dumps for tojson), as transformers renders them.
 */
class ChatTemplateTest {
    private static final Path CACHE = Path.of(System.getProperty("schemagate.cache",
            System.getProperty("user.home") + "/.cache/schemagate"));

    @TempDir
    Path dir;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Object> WEATHER_TOOL = json("""
            {"type": "function", "function": {"name": "get_weather", "description": "Get the weather",
             "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}""");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        try {
            return MAPPER.readValue(text, Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ChatTemplate smolLm() throws IOException {
        Path model = CACHE.resolve("models").resolve("SmolLM2-135M-Instruct.Q4_1.gguf");
        assumeTrue(Files.isRegularFile(model), model + " is absent: run scripts/fetch-model.sh");
        try (GgufFile gguf = GgufFile.open(model)) {
            return ChatTemplate.fromGguf(gguf);
        }
    }

    private static ChatTemplate fromTokenizerConfig(String name, String bos, String eos) throws IOException {
        Path config = CACHE.resolve("tokenizers").resolve(name).resolve("tokenizer_config.json");
        assumeTrue(Files.isRegularFile(config), config + " is absent: run scripts/fetch-tokenizer.sh " + name);
        return new ChatTemplate(MAPPER.readTree(config.toFile()).path("chat_template").asText(), bos, eos);
    }

    @Test
    void smolLmRendersChatMl() throws IOException {
        ChatTemplate template = smolLm();
        List<ChatMessage> conversation = List.of(new ChatMessage("system", "You are terse."), new ChatMessage("user", "What is 2+2?"));
        assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
                template.render(conversation, true));
        assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n",
                template.render(conversation, false));
        // Without a system message the template supplies its own.
        assertEquals("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
                        + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
                template.render(List.of(new ChatMessage("user", "Hi")), true));
    }

    @Test
    void qwen3RendersToolsIntoTheSystemPrompt() throws IOException {
        ChatTemplate template = fromTokenizerConfig("qwen3", "", "<|im_end|>");
        String rendered = template.render(List.of(new ChatMessage("system", "Be brief."),
                new ChatMessage("user", "What's the weather in Paris?")), true, List.of(WEATHER_TOOL));
        assertEquals("<|im_start|>system\nBe brief.\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
                + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
                + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Get the weather\", "
                + "\"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}\n"
                + "</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n"
                + "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\nWhat's the weather in Paris?<|im_end|>\n<|im_start|>assistant\n", rendered);
    }

    @Test
    void qwen3RendersToolCallsAndToolResponses() throws IOException {
        ChatTemplate template = fromTokenizerConfig("qwen3", "", "<|im_end|>");
        Map<String, Object> call = json("""
                {"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}""");
        String rendered = template.render(List.of(new ChatMessage("user", "Weather in Paris?"),
                new ChatMessage("assistant", "", List.of(call)),
                new ChatMessage("tool", "{\"temp\": 21}")), true, List.of(WEATHER_TOOL));
        String tools = rendered.substring(0, rendered.indexOf("<|im_start|>user"));
        assertTrue(tools.startsWith("<|im_start|>system\n# Tools\n\n"), tools);
        assertEquals("<|im_start|>user\nWeather in Paris?<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\n{\"temp\": 21}\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n", rendered.substring(tools.length()));
    }

    /** The last assistant turn after the last user query keeps its reasoning, cut out with split/strip. */
    @Test
    void qwen3SplitsThinkingWithPythonStringMethods() throws IOException {
        ChatTemplate template = fromTokenizerConfig("qwen3", "", "<|im_end|>");
        assertEquals("<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n<think>\nhmm\n</think>\n\nHi<|im_end|>\n",
                template.render(List.of(new ChatMessage("user", "Hello"),
                        new ChatMessage("assistant", "<think>\nhmm\n</think>\n\nHi")), false));
    }

    @Test
    void llama3TrimsContentAndStartsWithBos() throws IOException {
        ChatTemplate template = fromTokenizerConfig("llama3", "<|begin_of_text|>", "<|end_of_text|>");
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
                template.render(List.of(new ChatMessage("system", "  Be brief.\n"), new ChatMessage("user", "Hi")), true));
    }

    @Test
    void pythonStyleFeaturesWork() {
        ChatTemplate template = new ChatTemplate("""
                {%- set ns = namespace(count=0, last=messages|length - 1) -%}
                {%- for m in messages[::-1] -%}
                  {%- if m.content.startswith('x') %}{% set ns.count = ns.count + 1 %}{% endif -%}
                {%- endfor -%}
                {{ ns.count }}/{{ ns.last }} {{ messages[0].content.upper() }} {{ '-'.join(['a', 'b']) }} {{ {'k': 0.5} | tojson }}
                {{- ' ' ~ (messages[1].content.split(',', 1)|length) }}""", "", "");
        assertEquals("2/2 XA a-b {\"k\": 0.5} 2",
                template.render(List.of(new ChatMessage("user", "xa"), new ChatMessage("user", "b, c, d"), new ChatMessage("user", "x")), false));
    }

    @Test
    void raiseExceptionReachesTheCaller() {
        ChatTemplate template = new ChatTemplate(
                "{% if messages[0].role != 'user' %}{{ raise_exception('Conversation roles must alternate') }}{% endif %}ok", "", "");
        assertEquals("ok", template.render(List.of(new ChatMessage("user", "x")), false));
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> template.render(List.of(new ChatMessage("assistant", "x")), false));
        assertTrue(e.getMessage().contains("Conversation roles must alternate"), e.getMessage());
    }

    @Test
    void syntaxErrorsAreClearExceptions() {
        ChatTemplateException unclosed = assertThrows(ChatTemplateException.class,
                () -> new ChatTemplate("{% for m in messages %}{{ m.content }}", "", "").render(List.of(), false));
        assertTrue(unclosed.getMessage().contains("endfor"), unclosed.getMessage());
        assertThrows(ChatTemplateException.class, () -> new ChatTemplate("{{ 1 + }}", "", "").render(List.of(), false));
        assertThrows(ChatTemplateException.class, () -> new ChatTemplate("{% if %}x{% endif %}", "", "").render(List.of(), false));
    }

    @Test
    void strftimeNowFormatsTheCurrentDate() {
        assertEquals(Year.now().toString(), new ChatTemplate("{{ strftime_now('%Y') }}", "", "").render(List.of(), false));
    }

    @Test
    void ggufWithoutTemplateIsReported() throws IOException {
        Path path = new GgufWriter().putString("general.architecture", "llama").write(dir.resolve("plain.gguf"));
        try (GgufFile gguf = GgufFile.open(path)) {
            ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> ChatTemplate.fromGguf(gguf));
            assertTrue(e.getMessage().contains("has no chat template (tokenizer.chat_template)"), e.getMessage());
        }
    }
}
