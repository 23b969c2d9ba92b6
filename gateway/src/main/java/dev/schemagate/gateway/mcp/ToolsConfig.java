package dev.schemagate.gateway.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's tools config ({@code --tools-config FILE}): MCP servers by label, the URLs requests may name,
 * and tool domains for routing.
 * <pre>{@code
 * {"servers": {"calc": {"command": ["python3", "server.py"], "env": {"K": "V"}},
 *              "web": {"url": "http://127.0.0.1:3001/mcp", "headers": {"Authorization": "Bearer x"}}},
 *  "allowed_urls": ["127.0.0.0/8", "::1/128", "localhost"],
 *  "domains": [{"name": "math", "description": "arithmetic and unit conversion", "tools": ["calc/add", "web/*"]}],
 *  "routing": true}
 * }</pre>
 *
 * @param servers     in file order
 * @param allowedUrls what {@code server_url}s (and configured HTTP servers) may point at; loopback only when absent
 */
public record ToolsConfig(Map<String, McpServerTarget> servers, UrlAllowList allowedUrls, List<Domain> domains, boolean routing) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ToolsConfig {
        servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
        domains = List.copyOf(domains);
    }

    /** A named group of tools; with routing on, the model first picks one domain and sees only its tools. */
    public record Domain(String name, String description, List<ToolRef> tools) {
        public Domain {
            tools = List.copyOf(tools);
        }
    }

    /** {@code label/tool} in a domain: one tool of a configured server, or all of them with {@code "*"}. */
    public record ToolRef(String serverLabel, String tool) {
        public static final String ALL = "*";

        public boolean matches(McpTool t) {
            return serverLabel.equals(t.serverLabel()) && (tool.equals(ALL) || tool.equals(t.name()));
        }

        @Override
        public String toString() {
            return serverLabel + "/" + tool;
        }
    }

    /** No servers, loopback-only URLs, no domains, no routing. */
    public static ToolsConfig empty() {
        return new ToolsConfig(Map.of(), UrlAllowList.loopbackOnly(), List.of(), false);
    }

    /**
     * @throws ToolsConfigException naming the file and the JSON path of what is wrong
     * @throws IOException          when the file cannot be read
     */
    public static ToolsConfig load(Path file) throws IOException {
        String text = Files.readString(file);
        try {
            return parse(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new ToolsConfigException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (ToolsConfigException e) {
            throw new ToolsConfigException(file + ": " + e.getMessage());
        }
    }

    /** @throws ToolsConfigException naming the JSON path of what is wrong */
    public static ToolsConfig parse(JsonNode root) {
        if (root == null || !root.isObject()) throw invalid("$", "must be an object");
        onlyKeys(root, "$", Set.of("servers", "allowed_urls", "domains", "routing"));
        UrlAllowList allowed = allowedUrls(root.get("allowed_urls"));
        Map<String, McpServerTarget> servers = servers(root.get("servers"), allowed);
        List<Domain> domains = domains(root.get("domains"), servers);
        JsonNode routing = root.get("routing");
        if (routing != null && !routing.isBoolean()) throw invalid("$.routing", "must be true or false");
        return new ToolsConfig(servers, allowed, domains, routing != null && routing.booleanValue());
    }

    private static UrlAllowList allowedUrls(JsonNode node) {
        if (node == null) return UrlAllowList.loopbackOnly();
        List<String> entries = strings(node, "$.allowed_urls");
        for (int i = 0; i < entries.size(); i++) {
            try {
                UrlAllowList.of(List.of(entries.get(i)));
            } catch (IllegalArgumentException e) {
                throw invalid("$.allowed_urls[" + i + "]", e.getMessage());
            }
        }
        return UrlAllowList.of(entries);
    }

    private static Map<String, McpServerTarget> servers(JsonNode node, UrlAllowList allowed) {
        Map<String, McpServerTarget> servers = new LinkedHashMap<>();
        if (node == null) return servers;
        if (!node.isObject()) throw invalid("$.servers", "must be an object of servers by label");
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String label = entry.getKey();
            String path = "$.servers." + label;
            if (label.isEmpty() || label.contains("/")) throw invalid(path, "a server label must be non-empty and without '/'");
            JsonNode server = entry.getValue();
            if (!server.isObject()) throw invalid(path, "must be an object with \"command\" or \"url\"");
            boolean stdio = server.has("command");
            if (stdio == server.has("url")) throw invalid(path, "needs exactly one of \"command\" (stdio) or \"url\" (Streamable HTTP)");
            if (stdio) {
                onlyKeys(server, path, Set.of("command", "env"));
                List<String> command = strings(server.get("command"), path + ".command");
                if (command.isEmpty() || command.getFirst().isBlank()) throw invalid(path + ".command", "must name a program");
                servers.put(label, new McpServerTarget.Stdio(label, command, stringMap(server.get("env"), path + ".env")));
            } else {
                onlyKeys(server, path, Set.of("url", "headers"));
                String url = text(server.get("url"), path + ".url");
                checkUrl(url, path + ".url", allowed);
                servers.put(label, new McpServerTarget.Http(url, stringMap(server.get("headers"), path + ".headers")));
            }
        }
        return servers;
    }

    /** Configured servers obey the same allow-list as request URLs, so a typo is caught at startup. */
    private static void checkUrl(String url, String path, UrlAllowList allowed) {
        try {
            allowed.check(url);
        } catch (DisallowedUrlException e) {
            throw invalid(path, e.getMessage() + " (\"allowed_urls\" decides which addresses are)");
        }
    }

    private static List<Domain> domains(JsonNode node, Map<String, McpServerTarget> servers) {
        List<Domain> domains = new ArrayList<>();
        if (node == null) return domains;
        if (!node.isArray()) throw invalid("$.domains", "must be an array of domains");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "$.domains[" + i + "]";
            JsonNode domain = node.get(i);
            if (!domain.isObject()) throw invalid(path, "must be an object with \"name\", \"description\" and \"tools\"");
            onlyKeys(domain, path, Set.of("name", "description", "tools"));
            String name = text(domain.get("name"), path + ".name");
            if (name.isBlank()) throw invalid(path + ".name", "must not be empty");
            if (!names.add(name)) throw invalid(path + ".name", "domain '" + name + "' is defined twice");
            String description = text(domain.get("description"), path + ".description");
            List<String> refs = strings(domain.get("tools"), path + ".tools");
            if (refs.isEmpty()) throw invalid(path + ".tools", "must name at least one tool");
            List<ToolRef> tools = new ArrayList<>();
            for (int j = 0; j < refs.size(); j++) tools.add(toolRef(refs.get(j), path + ".tools[" + j + "]", servers));
            domains.add(new Domain(name, description, tools));
        }
        return domains;
    }

    private static ToolRef toolRef(String ref, String path, Map<String, McpServerTarget> servers) {
        int slash = ref.indexOf('/');
        if (slash <= 0 || slash == ref.length() - 1) throw invalid(path, "'" + ref + "' must be \"server_label/tool\" or \"server_label/*\"");
        String label = ref.substring(0, slash);
        if (!servers.containsKey(label)) {
            throw invalid(path, "'" + ref + "' names server '" + label + "', which is not in \"servers\""
                    + (servers.isEmpty() ? "" : " (configured: " + String.join(", ", servers.keySet()) + ")"));
        }
        return new ToolRef(label, ref.substring(slash + 1));
    }

    private static void onlyKeys(JsonNode object, String path, Set<String> allowed) {
        for (String key : (Iterable<String>) object::fieldNames) {
            if (!allowed.contains(key)) throw invalid(path + "." + key, "unknown key (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
    }

    private static String text(JsonNode node, String path) {
        if (node == null) throw invalid(path, "is required");
        if (!node.isTextual()) throw invalid(path, "must be a string");
        return node.asText();
    }

    private static List<String> strings(JsonNode node, String path) {
        if (node == null) throw invalid(path, "is required");
        if (!node.isArray()) throw invalid(path, "must be an array of strings");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) values.add(text(node.get(i), path + "[" + i + "]"));
        return values;
    }

    private static Map<String, String> stringMap(JsonNode node, String path) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null) return values;
        if (!node.isObject()) throw invalid(path, "must be an object of strings");
        for (Map.Entry<String, JsonNode> entry : node.properties()) values.put(entry.getKey(), text(entry.getValue(), path + "." + entry.getKey()));
        return values;
    }

    private static ToolsConfigException invalid(String path, String problem) {
        return new ToolsConfigException(path + ": " + problem);
    }
}
