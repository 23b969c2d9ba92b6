package dev.schemagate.fsm;

import dev.schemagate.fsm.parser.Cfg;

/** An immutable compiled grammar, shared by every sequence that uses it. */
public final class CompiledConstraint {
    private final MaskEngine engine;
    private final Cfg cfg;

    CompiledConstraint(MaskEngine engine, Cfg cfg) {
        this.engine = engine;
        this.cfg = cfg;
    }

    /** A fresh matcher at the start of the grammar. */
    public Matcher matcher() {
        synchronized (engine.lock()) {
            return new Matcher(engine, cfg);
        }
    }

    /** Number of distinct lexemes (terminals) of the grammar. */
    public int lexemeCount() {
        return cfg.lexemes().length;
    }
}
