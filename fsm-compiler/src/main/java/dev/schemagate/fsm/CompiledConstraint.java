package dev.schemagate.fsm;

/** An immutable compiled grammar, shared by every sequence that uses it. */
public final class CompiledConstraint {
    /** A fresh matcher at the start of the grammar. */
    public Matcher matcher() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
