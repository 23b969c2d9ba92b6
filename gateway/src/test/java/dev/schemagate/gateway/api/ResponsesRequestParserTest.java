package dev.schemagate.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.gateway.agent.AgentRequest;
import dev.schemagate.gateway.agent.McpServerUse;
import dev.schemagate.gateway.mcp.McpServerTarget;
import dev.schemagate.gateway.mcp.ToolsConfig;
import org.junit.jupiter.api.Test;

class ResponsesRequestParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AgentRequest parse(String singleQuoted) throws Exception {
        return ResponsesRequestParser.parse(JSON.readTree(singleQuoted.replace('\'', '"')), ToolsConfig.empty());
    }

    @Test
    void aStringInputIsOneUserMessageWithAnId() throws Exception {
        AgentRequest r = parse("{'model':'m','input':'hello'}");
        assertEquals(1, r.input().size());
        JsonNode item = r.input().getFirst();
        assertEquals("message", item.get("type").asText());
        assertEquals("user", item.get("role").asText());
        assertEquals("hello", item.get("content").get(0).get("text").asText());
        assertTrue(item.get("id").asText().startsWith("msg_"));
        assertTrue(r.store(), "store defaults to true");
        assertNull(r.textFormat());
    }

    @Test
    void mcpToolsDefaultToApprovalAndTheirHeadersAreNotRepeated() throws Exception {
        AgentRequest r = parse("{'model':'m','input':'x','tools':[{'type':'mcp','server_label':'s','server_url':'http://127.0.0.1:1/mcp',"
                + "'headers':{'Authorization':'Bearer secret'},'allowed_tools':{'tool_names':['a']}}]}");
        McpServerUse server = r.mcpServers().getFirst();
        assertTrue(server.approval().required("a"), "require_approval defaults to always");
        assertTrue(server.allows("a"));
        assertFalse(server.allows("b"));
        assertEquals("Bearer secret", ((McpServerTarget.Http) server.target()).headers().get("Authorization"));
        assertFalse(r.echo().toString().contains("secret"), r.echo().toString());
    }

    @Test
    void perToolApprovalFiltersOverrideTheDefault() throws Exception {
        AgentRequest r = parse("{'model':'m','input':'x','tools':[{'type':'mcp','server_label':'s','server_url':'http://127.0.0.1:1/mcp',"
                + "'require_approval':{'never':{'tool_names':['read']}}}]}");
        assertFalse(r.mcpServers().getFirst().approval().required("read"));
        assertTrue(r.mcpServers().getFirst().approval().required("write"));
    }

    @Test
    void referencesAreChecked() {
        ApiException noServer = assertThrows(ApiException.class, () -> parse("{'model':'m','input':'x','tools':[{'type':'mcp','server_label':'s'}]}"));
        assertEquals("tools[0].server_url", noServer.param());
        ApiException choice = assertThrows(ApiException.class, () -> parse("{'model':'m','input':'x','tools':[{'type':'function','name':'f'}],"
                + "'tool_choice':{'type':'function','name':'g'}}"));
        assertEquals("tool_choice.name", choice.param());
        ApiException twice = assertThrows(ApiException.class, () -> parse("{'model':'m','input':[{'id':'a','role':'user','content':'x'},"
                + "{'id':'a','role':'user','content':'y'}]}"));
        assertEquals("input[1].id", twice.param());
    }
}
