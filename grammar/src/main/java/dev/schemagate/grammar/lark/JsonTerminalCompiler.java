package dev.schemagate.grammar.lark;

import dev.schemagate.grammar.Grammar;

/**
 * Compiles the JSON Schema of a Lark {@code %json { ... }} item to a grammar. The grammar module cannot see
 * the JSON Schema compiler (that module depends on this one), so it is handed in; the schemas module has
 * the implementation.
 */
@FunctionalInterface
public interface JsonTerminalCompiler {
    /** @throws dev.schemagate.grammar.GrammarException when the text is not JSON or not a supported schema */
    Grammar compile(String schemaJson);
}
