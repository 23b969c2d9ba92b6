package dev.schemagate.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.gateway.mcp.ToolsConfig.Domain;
import dev.schemagate.gateway.mcp.ToolsConfig.ToolRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolsConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aFullConfigLoads() throws Exception {
        Path file = write("""
                {"servers": {"calc": {"command": ["python3", "server.py", "--quiet"], "env": {"UNITS": "metric"}},
                             "web": {"url": "http://127.0.0.1:3001/mcp", "headers": {"Authorization": "Bearer x"}}},
                 "allowed_urls": ["127.0.0.0/8", "10.0.0.0/8", "mcp.internal"],
                 "domains": [{"name": "math", "description": "arithmetic and unit conversion", "tools": ["calc/add", "calc/convert"]},
                             {"name": "web", "description": "pages and search", "tools": ["web/*"]}],
                 "routing": true}
                """);
        ToolsConfig config = ToolsConfig.load(file);
        assertEquals(List.of("calc", "web"), List.copyOf(config.servers().keySet()));
        assertEquals(new McpServerTarget.Stdio("calc", List.of("python3", "server.py", "--quiet"), Map.of("UNITS", "metric")), config.servers().get("calc"));
        assertEquals(new McpServerTarget.Http("http://127.0.0.1:3001/mcp", Map.of("Authorization", "Bearer x")), config.servers().get("web"));
        assertEquals(List.of(new Domain("math", "arithmetic and unit conversion", List.of(new ToolRef("calc", "add"), new ToolRef("calc", "convert"))),
                new Domain("web", "pages and search", List.of(new ToolRef("web", "*")))), config.domains());
        assertTrue(config.routing());
        assertDoesNotThrow(() -> config.allowedUrls().check("http://10.1.2.3/mcp"));
        assertThrows(DisallowedUrlException.class, () -> config.allowedUrls().check("http://192.168.0.1/mcp"));
    }

    @Test
    void toolRefsMatchOneToolOrAllOfAServer() {
        McpTool add = new McpTool("calc", "add", "", JSON.createObjectNode());
        McpTool sub = new McpTool("calc", "sub", "", JSON.createObjectNode());
        McpTool webAdd = new McpTool("web", "add", "", JSON.createObjectNode());
        assertTrue(new ToolRef("calc", "add").matches(add));
        assertFalse(new ToolRef("calc", "add").matches(sub));
        assertFalse(new ToolRef("calc", "add").matches(webAdd));
        assertTrue(new ToolRef("calc", "*").matches(sub));
        assertFalse(new ToolRef("calc", "*").matches(webAdd));
        McpTool listedOverHttp = new McpTool("http://127.0.0.1:3001/mcp", "fetch", "", JSON.createObjectNode());
        assertFalse(new ToolRef("web", "*").matches(listedOverHttp));
        assertTrue(new ToolRef("web", "*").matches(listedOverHttp.withServerLabel("web")));
    }

    @Test
    void defaultsAreLoopbackOnlyWithoutDomainsOrRouting() throws Exception {
        for (ToolsConfig config : List.of(ToolsConfig.empty(), ToolsConfig.load(write("{\"servers\": {\"s\": {\"command\": [\"srv\"]}}}")))) {
            assertTrue(config.domains().isEmpty());
            assertFalse(config.routing());
            assertDoesNotThrow(() -> config.allowedUrls().check("http://localhost:3001/mcp"));
            assertThrows(DisallowedUrlException.class, () -> config.allowedUrls().check("http://10.0.0.1/mcp"));
        }
        assertTrue(ToolsConfig.empty().servers().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "[]                                                                          | $: must be an object",
            "{\"server\": {}}                                                            | $.server: unknown key",
            "{\"servers\": []}                                                           | $.servers: must be an object",
            "{\"servers\": {\"a\": {}}}                                                  | $.servers.a: needs exactly one of",
            "{\"servers\": {\"a\": {\"command\": [\"x\"], \"url\": \"http://127.0.0.1/\"}}} | $.servers.a: needs exactly one of",
            "{\"servers\": {\"a\": {\"command\": [\"x\", 5]}}}                           | $.servers.a.command[1]: must be a string",
            "{\"servers\": {\"a\": {\"command\": []}}}                                   | $.servers.a.command: must name a program",
            "{\"servers\": {\"a\": {\"command\": \"python3 s.py\"}}}                     | $.servers.a.command: must be an array of strings",
            "{\"servers\": {\"a\": {\"command\": [\"x\"], \"cwd\": \"/\"}}}              | $.servers.a.cwd: unknown key",
            "{\"servers\": {\"a\": {\"command\": [\"x\"], \"env\": {\"K\": 1}}}}         | $.servers.a.env.K: must be a string",
            "{\"servers\": {\"a/b\": {\"command\": [\"x\"]}}}                            | $.servers.a/b: a server label must be non-empty and without '/'",
            "{\"servers\": {\"w\": {\"url\": \"http://10.0.0.5/mcp\"}}}                  | $.servers.w.url: MCP server URL 'http://10.0.0.5/mcp' is not allowed",
            "{\"servers\": {\"w\": {\"url\": \"ftp://127.0.0.1/mcp\"}}}                  | $.servers.w.url: MCP server URL 'ftp://127.0.0.1/mcp' is not allowed: only http",
            "{\"servers\": {\"w\": {\"url\": \"http://127.0.0.1/\", \"headers\": [1]}}}  | $.servers.w.headers: must be an object of strings",
            "{\"allowed_urls\": [\"127.0.0.0/8\", \"10.0.0.0/40\"]}                     | $.allowed_urls[1]: '10.0.0.0/40' needs a prefix length",
            "{\"allowed_urls\": \"127.0.0.0/8\"}                                        | $.allowed_urls: must be an array of strings",
            "{\"routing\": \"yes\"}                                                     | $.routing: must be true or false",
            "{\"domains\": {}}                                                          | $.domains: must be an array",
            "{\"domains\": [{\"name\": \"m\", \"tools\": [\"a/x\"]}]}                   | $.domains[0].description: is required",
            "{\"servers\": {\"a\": {\"command\": [\"x\"]}}, \"domains\": [{\"name\": \"m\", \"description\": \"d\", \"tools\": [\"a/x\", \"b/y\"]}]} | $.domains[0].tools[1]: 'b/y' names server 'b', which is not in \"servers\" (configured: a)",
            "{\"servers\": {\"a\": {\"command\": [\"x\"]}}, \"domains\": [{\"name\": \"m\", \"description\": \"d\", \"tools\": [\"add\"]}]}      | $.domains[0].tools[0]: 'add' must be",
            "{\"servers\": {\"a\": {\"command\": [\"x\"]}}, \"domains\": [{\"name\": \"m\", \"description\": \"d\", \"tools\": []}]}         | $.domains[0].tools: must name at least one tool",
            "{\"servers\": {\"a\": {\"command\": [\"x\"]}}, \"domains\": [{\"name\": \"m\", \"description\": \"d\", \"tools\": [\"a/*\"]}, {\"name\": \"m\", \"description\": \"e\", \"tools\": [\"a/*\"]}]} | $.domains[1].name: domain 'm' is defined twice",
    })
    void badConfigsNameTheFileAndThePath(String json, String expected) throws Exception {
        Path file = write(json);
        ToolsConfigException bad = assertThrows(ToolsConfigException.class, () -> ToolsConfig.load(file));
        assertTrue(bad.getMessage().startsWith(file + ": "), bad.getMessage());
        assertTrue(bad.getMessage().contains(expected), bad.getMessage());
    }

    @Test
    void invalidJsonSaysWhere() throws Exception {
        Path file = write("{\"servers\": {\"a\": {\"command\": [\"x\"]},\n}");
        ToolsConfigException bad = assertThrows(ToolsConfigException.class, () -> ToolsConfig.load(file));
        assertTrue(bad.getMessage().startsWith(file + ": not valid JSON") && bad.getMessage().contains("line 2"), bad.getMessage());
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("tools.json");
        Files.writeString(file, json);
        return file;
    }
}
