package dev.schemagate.grammar.regex;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code pattern} and {@code patternProperties} regexes of the MaskBench schemas, each with the string
 * values (and object keys) of the test instances of the files it occurs in. Read from the directory named
 * by the {@code schemagate.shared} system property.
 */
record MaskBenchPatterns(Map<String, Set<String>> instanceStrings) {
    private static final Set<String> NON_SCHEMA_KEYS = Set.of("enum", "const", "default", "examples");

    static Path shared() {
        String dir = System.getProperty("schemagate.shared");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "schemagate.shared not available");
        return Path.of(dir);
    }

    static MaskBenchPatterns load() {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(shared().resolve("maskbench/data"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Map<?, ?> doc = (Map<?, ?>) JsonValueReader.read(Files.readString(f));
                Set<String> patterns = new LinkedHashSet<>();
                collectPatterns(doc.get("schema"), patterns);
                if (patterns.isEmpty()) continue;
                Set<String> strings = new LinkedHashSet<>();
                if (doc.get("tests") instanceof List<?> tests) {
                    for (Object t : tests) collectStrings(((Map<?, ?>) t).get("data"), strings);
                }
                for (String p : patterns) out.computeIfAbsent(p, k -> new LinkedHashSet<>()).addAll(strings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MaskBenchPatterns(out);
    }

    private static void collectPatterns(Object schema, Set<String> out) {
        if (schema instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                String key = (String) e.getKey();
                if (NON_SCHEMA_KEYS.contains(key)) continue;
                if (key.equals("pattern") && e.getValue() instanceof String s) out.add(s);
                if (key.equals("patternProperties") && e.getValue() instanceof Map<?, ?> pp) {
                    pp.keySet().forEach(k -> out.add((String) k));
                }
                collectPatterns(e.getValue(), out);
            }
        } else if (schema instanceof List<?> l) {
            l.forEach(x -> collectPatterns(x, out));
        }
    }

    private static void collectStrings(Object data, Set<String> out) {
        switch (data) {
            case String s -> out.add(s);
            case Map<?, ?> m -> m.forEach((k, v) -> {
                out.add((String) k);
                collectStrings(v, out);
            });
            case List<?> l -> l.forEach(x -> collectStrings(x, out));
            case null, default -> {}
        }
    }
}
