package dev.schemagate.fsm;

import dev.schemagate.fsm.parser.Cfg;
import dev.schemagate.fsm.parser.CompletionCost;
import dev.schemagate.tokenizer.TokenVocabulary;
import java.util.Arrays;

/** An immutable compiled grammar, shared by every sequence that uses it. */
public final class CompiledConstraint {
    private final MaskEngine engine;
    private final LexerSpace space;
    private final Cfg cfg;
    private CompletionCost completionCost;
    private int[] singleByteTokens;

    CompiledConstraint(MaskEngine engine, LexerSpace space, Cfg cfg) {
        this.engine = engine;
        this.space = space;
        this.cfg = cfg;
    }

    /** A fresh matcher at the start of the grammar. */
    public Matcher matcher() {
        synchronized (space) {
            return new Matcher(engine, space, cfg, this);
        }
    }

    /** Shortest endings of this grammar, built on first use. Callers hold the space's lock. */
    CompletionCost completionCost() {
        if (completionCost == null) completionCost = new CompletionCost(cfg, space.shortest::of);
        return completionCost;
    }

    /** The token that spells each byte alone, or -1; built on first use. Callers hold the space's lock. */
    int[] singleByteTokens() {
        if (singleByteTokens == null) {
            int[] tokens = new int[256];
            Arrays.fill(tokens, -1);
            TokenVocabulary vocabulary = engine.vocabulary();
            for (int t = 0; t < vocabulary.size(); t++) {
                byte[] bytes = vocabulary.bytes(t);
                if (!vocabulary.isSpecial(t) && bytes.length == 1 && tokens[bytes[0] & 0xFF] < 0) tokens[bytes[0] & 0xFF] = t;
            }
            singleByteTokens = tokens;
        }
        return singleByteTokens;
    }
}
