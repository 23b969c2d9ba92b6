package dev.schemagate.grammar.lark;

import java.util.Map;

/** The terminals {@code %import common.NAME} provides, as patterns ({@link dev.schemagate.grammar.regex.RegexDialect#PYTHON}). */
final class CommonTerminals {
    private CommonTerminals() {}

    private static final String FLOAT = "(?:[0-9]+[eE][+-]?[0-9]+|(?:[0-9]+\\.[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)";

    static final Map<String, String> PATTERNS = Map.ofEntries(
            Map.entry("DIGIT", "[0-9]"),
            Map.entry("HEXDIGIT", "[a-fA-F0-9]"),
            Map.entry("INT", "[0-9]+"),
            Map.entry("SIGNED_INT", "[+-]?[0-9]+"),
            Map.entry("DECIMAL", "[0-9]+\\.[0-9]*|\\.[0-9]+"),
            Map.entry("FLOAT", FLOAT),
            Map.entry("SIGNED_FLOAT", "[+-]?" + FLOAT),
            Map.entry("NUMBER", FLOAT + "|[0-9]+"),
            Map.entry("SIGNED_NUMBER", "[+-]?(?:" + FLOAT + "|[0-9]+)"),
            Map.entry("LCASE_LETTER", "[a-z]"),
            Map.entry("UCASE_LETTER", "[A-Z]"),
            Map.entry("LETTER", "[a-zA-Z]"),
            Map.entry("WORD", "[a-zA-Z]+"),
            Map.entry("CNAME", "[_a-zA-Z][_a-zA-Z0-9]*"),
            Map.entry("WS_INLINE", "[ \\t]+"),
            Map.entry("WS", "[ \\t\\f\\r\\n]+"),
            Map.entry("CR", "\\r"),
            Map.entry("LF", "\\n"),
            Map.entry("NEWLINE", "(?:\\r?\\n)+"),
            Map.entry("ESCAPED_STRING", "\"(?:[^\"\\\\\\n]|\\\\.)*\""),
            Map.entry("SH_COMMENT", "#[^\\n]*"),
            Map.entry("CPP_COMMENT", "//[^\\n]*"),
            Map.entry("C_COMMENT", "/\\*(?:[^*]|\\*+[^*/])*\\*+/"));
}
