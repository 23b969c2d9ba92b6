package dev.schemagate.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    private static final String BASE = "'model':'m','messages':[{'role':'user','content':'hi'}]";

    @Test
    void everySpellingOfAConstraintIsRead() throws Exception {
        assertInstanceOf(ConstraintSpec.JsonSchema.class, RequestParser.chat(body("{" + BASE
                + ",'response_format':{'type':'json_schema','json_schema':{'name':'x','schema':{'type':'integer'}}}}")).constraint());
        assertInstanceOf(ConstraintSpec.JsonObject.class, RequestParser.chat(body("{" + BASE + ",'response_format':{'type':'json_object'}}")).constraint());
        assertNull(RequestParser.chat(body("{" + BASE + ",'response_format':{'type':'text'}}")).constraint());
        assertInstanceOf(ConstraintSpec.Regex.class, RequestParser.chat(body("{" + BASE + ",'guided_regex':'[0-9]+'}")).constraint());
        assertInstanceOf(ConstraintSpec.Choice.class, RequestParser.chat(body("{" + BASE + ",'structured_outputs':{'choice':['a','b']}}")).constraint());
        assertInstanceOf(ConstraintSpec.JsonSchema.class, RequestParser.chat(body("{" + BASE + ",'guided_json':'{\\'type\\':\\'string\\'}'}")).constraint());
        assertInstanceOf(ConstraintSpec.JsonSchema.class, RequestParser.chat(body("{" + BASE + ",'json_schema':{'type':'string'}}")).constraint());
        ConstraintSpec.GrammarText gbnf = (ConstraintSpec.GrammarText) RequestParser.chat(body("{" + BASE + ",'grammar':'root ::= \\'a\\''}")).constraint();
        assertEquals("gbnf", gbnf.syntax());
        ConstraintSpec.GrammarText lark = (ConstraintSpec.GrammarText) RequestParser.chat(body("{" + BASE + ",'guided_grammar':'start: \\'a\\''}")).constraint();
        assertEquals("lark", lark.syntax());
    }

    @Test
    void twoConstraintsConflict() {
        ApiException e = assertThrows(ApiException.class, () -> RequestParser.chat(body("{" + BASE
                + ",'response_format':{'type':'json_object'},'guided_regex':'a'}")));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("response_format and guided_regex"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'messages':[{'role':'user','content':'hi'}]}|model",
            "{'model':'m'}|messages",
            "{'model':'m','messages':[]}|messages",
            "{'model':'m','messages':[{'role':'wizard','content':'hi'}]}|messages[0].role",
            "{'model':'m','messages':[{'role':'user','content':[{'type':'image_url'}]}]}|messages[0].content[0].type",
            "{" + BASE + ",'temperature':'hot'}|temperature",
            "{" + BASE + ",'temperature':3}|temperature",
            "{" + BASE + ",'max_tokens':0}|max_tokens",
            "{" + BASE + ",'max_tokens':1.5}|max_tokens",
            "{" + BASE + ",'n':1000}|n",
            "{" + BASE + ",'stop':[1]}|stop",
            "{" + BASE + ",'top_logprobs':3}|top_logprobs",
            "{" + BASE + ",'response_format':{'type':'xml'}}|response_format.type",
            "{" + BASE + ",'response_format':{'type':'json_schema'}}|response_format.json_schema",
            "{" + BASE + ",'response_format':{'type':'json_schema','json_schema':{'name':'x','schema':'{'}}}|response_format.json_schema.schema",
            "{" + BASE + ",'tools':[{'type':'function','function':{'name':'bad name'}}]}|tools[0].function.name",
            "{" + BASE + ",'tool_choice':'required'}|tool_choice",
            "{" + BASE + ",'tools':[{'type':'function','function':{'name':'f'}}],'tool_choice':{'type':'function','function':{'name':'g'}}}|tool_choice.function.name",
            "{" + BASE + ",'guided_choice':[]}|guided_choice",
    })
    void badFieldsAreRefusedNamingTheField(String json, String param) {
        ApiException e = assertThrows(ApiException.class, () -> RequestParser.chat(body(json)));
        assertEquals(400, e.status());
        assertEquals(param, e.param(), e.getMessage());
    }

    @Test
    void samplingAndToolsAreRead() throws Exception {
        GenerationJob job = RequestParser.chat(body("{" + BASE + ",'temperature':0,'seed':7,'max_completion_tokens':12,'stop':'x','n':2,"
                + "'logprobs':true,'top_logprobs':3,'stream':true,'stream_options':{'include_usage':true},"
                + "'tools':[{'type':'function','function':{'name':'f','parameters':{'type':'object'}}}]}"));
        SamplingOptions s = job.sampling();
        assertEquals(0.0, s.temperature());
        assertEquals(7L, s.seed());
        assertEquals(12, s.maxTokens());
        assertEquals(java.util.List.of("x"), s.stop());
        assertEquals(2, s.n());
        assertEquals(3, s.topLogprobs());
        assertTrue(job.stream() && job.includeUsage());
        assertEquals(ToolChoice.Mode.AUTO, job.toolChoice().mode());
        assertTrue(job.toolsActive());
    }

    @Test
    void completionsTakeAPrompt() throws Exception {
        GenerationJob job = RequestParser.completion(body("{'model':'m','prompt':'Once','max_tokens':5,'logprobs':2}"));
        assertEquals("Once", job.prompt());
        assertEquals(2, job.sampling().topLogprobs());
        assertThrows(ApiException.class, () -> RequestParser.completion(body("{'model':'m','prompt':'x','echo':true}")));
        assertThrows(ApiException.class, () -> RequestParser.completion(body("{'model':'m','prompt':7}")));
    }
}
