package dev.schemagate.schemas.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.schemas.SchemaCompileException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One schema document with its embedded resources ({@code $id}) and anchors, resolving {@code $ref}s
 * inside it. Anything outside the document (remote references, meta-schemas) is refused.
 */
public final class SchemaDocument {
    /** Base of a document without an absolute {@code $id}: a made-up URL so relative references resolve. */
    private static final URI DEFAULT_BASE = URI.create("https://schemagate.invalid/schema.json");
    private static final Set<String> SCHEMA_MAP_KEYWORDS =
            Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies");
    private static final Set<String> SCHEMA_LIST_KEYWORDS = Set.of("allOf", "anyOf", "oneOf", "prefixItems", "items");
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("items", "additionalItems", "additionalProperties",
            "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
            "contentSchema");

    private final Draft draft;
    private final SchemaLoc root;
    private final Map<URI, SchemaLoc> resources = new HashMap<>();
    private final Map<String, SchemaLoc> anchors = new HashMap<>();

    public SchemaDocument(JsonNode rootNode) {
        this.draft = Draft.of(rootNode);
        URI base = baseOf(rootNode, DEFAULT_BASE);
        this.root = new SchemaLoc(rootNode, "", base);
        resources.put(DEFAULT_BASE, root);
        register(root);
    }

    public Draft draft() {
        return draft;
    }

    public SchemaLoc root() {
        return root;
    }

    /** The subschema at {@code keys} below {@code parent} (object member names or array indices). */
    public SchemaLoc child(SchemaLoc parent, String... keys) {
        SchemaLoc cur = parent;
        for (String k : keys) {
            JsonNode n = cur.node().isArray() ? cur.node().path(Integer.parseInt(k)) : cur.node().path(k);
            cur = new SchemaLoc(n, cur.pointer() + "/" + SchemaLoc.escapeToken(k), baseOf(n, cur.base()));
        }
        return cur;
    }

    /** The target of the {@code $ref} of {@code at}. */
    public SchemaLoc resolve(SchemaLoc at, String ref) {
        URI target;
        String fragment;
        int hash = ref.indexOf('#');
        try {
            if (hash == 0) {
                target = stripFragment(at.base());
                fragment = ref.substring(1);
            } else {
                URI resolved = at.base().resolve(new URI(hash < 0 ? ref : ref.substring(0, hash)));
                target = stripFragment(resolved);
                fragment = hash < 0 ? "" : ref.substring(hash + 1);
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new SchemaCompileException("$ref", at.pointer(), "malformed reference '" + ref + "'");
        }
        SchemaLoc resource = resources.get(target);
        if (resource == null) {
            throw new SchemaCompileException("$ref", at.pointer(), "remote reference '" + ref + "' is not supported");
        }
        fragment = URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (fragment.isEmpty()) return resource;
        if (!fragment.startsWith("/")) {
            SchemaLoc anchored = anchors.get(target + "#" + fragment);
            if (anchored == null) throw new SchemaCompileException("$ref", at.pointer(), "unknown anchor '" + ref + "'");
            return anchored;
        }
        SchemaLoc cur = resource;
        for (String raw : fragment.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            JsonNode n = cur.node();
            boolean present = n.isArray() ? isIndex(token) && Integer.parseInt(token) < n.size() : n.has(token);
            if (!present) throw new SchemaCompileException("$ref", at.pointer(), "reference '" + ref + "' points nowhere");
            cur = child(cur, token);
        }
        return cur;
    }

    private static boolean isIndex(String token) {
        return token.matches("0|[1-9][0-9]{0,8}");
    }

    private URI baseOf(JsonNode node, URI parentBase) {
        if (!node.isObject()) return parentBase;
        if (draft.refIgnoresSiblings() && node.has("$ref")) return parentBase;
        JsonNode id = node.get(draft.idKeyword());
        if (id == null || !id.isTextual() || id.textValue().startsWith("#")) return parentBase;
        try {
            return stripFragment(parentBase.resolve(new URI(id.textValue())));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return parentBase;
        }
    }

    private static URI stripFragment(URI u) {
        try {
            return new URI(u.getScheme(), u.getSchemeSpecificPart(), null);
        } catch (java.net.URISyntaxException e) {
            return u;
        }
    }

    /** Records identifiers and anchors, walking only schema positions (not enum values or examples). */
    private void register(SchemaLoc loc) {
        JsonNode n = loc.node();
        if (!n.isObject()) return;
        JsonNode id = n.get(draft.idKeyword());
        boolean idApplies = !(draft.refIgnoresSiblings() && n.has("$ref"));
        if (idApplies && id != null && id.isTextual()) {
            if (id.textValue().startsWith("#")) anchors.putIfAbsent(loc.base() + id.textValue(), loc);
            else resources.putIfAbsent(loc.base(), loc);
        }
        for (String anchorKeyword : new String[] {"$anchor", "$dynamicAnchor"}) {
            JsonNode a = n.get(anchorKeyword);
            if (a != null && a.isTextual()) anchors.putIfAbsent(loc.base() + "#" + a.textValue(), loc);
        }
        for (var e : n.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (SCHEMA_MAP_KEYWORDS.contains(k) && v.isObject()) {
                for (var m : v.properties()) register(child(loc, k, m.getKey()));
            } else if (SCHEMA_LIST_KEYWORDS.contains(k) && v.isArray()) {
                for (int i = 0; i < v.size(); i++) register(child(loc, k, Integer.toString(i)));
            } else if (SCHEMA_KEYWORDS.contains(k)) {
                register(child(loc, k));
            }
        }
    }
}
