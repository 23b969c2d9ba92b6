package dev.schemagate.grammar;

/**
 * A constraint that cannot be compiled: a syntax error, an unsupported feature, an unsatisfiable
 * combination or an exceeded budget. The message is meant for the user who sent the constraint.
 */
public class GrammarException extends RuntimeException {
    public GrammarException(String message) {
        super(message);
    }

    public GrammarException(String message, Throwable cause) {
        super(message, cause);
    }
}
