package dev.schemagate.fsm;

import dev.schemagate.fsm.parser.Cfg;

/** An immutable compiled grammar, shared by every sequence that uses it. */
public final class CompiledConstraint {
    private final MaskEngine engine;
    private final LexerSpace space;
    private final Cfg cfg;

    CompiledConstraint(MaskEngine engine, LexerSpace space, Cfg cfg) {
        this.engine = engine;
        this.space = space;
        this.cfg = cfg;
    }

    /** A fresh matcher at the start of the grammar. */
    public Matcher matcher() {
        synchronized (space) {
            return new Matcher(engine, space, cfg);
        }
    }
}
