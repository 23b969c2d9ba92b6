package dev.schemagate.gateway.constraint;

/** A constraint that cannot be compiled: the message names what to fix (keyword and JSON pointer, rule, position). */
public final class ConstraintException extends Exception {
    public ConstraintException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConstraintException(String message) {
        super(message);
    }
}
