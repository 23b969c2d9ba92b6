package dev.schemagate.grammar.frontend;

/** A place in grammar text: 1-based line and column (column in UTF-16 units, as editors count). */
public record SourcePos(int line, int column) {
    public InvalidGrammarException error(String rule, String message) {
        return new InvalidGrammarException(line, column, rule, message);
    }
}
