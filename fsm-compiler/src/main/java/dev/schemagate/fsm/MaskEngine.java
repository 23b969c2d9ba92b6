package dev.schemagate.fsm;

import dev.schemagate.grammar.Grammar;
import dev.schemagate.tokenizer.TokenVocabulary;

/** One per tokenizer vocabulary: compiles grammars to constraints that answer "which tokens may come next". */
public final class MaskEngine {
    private final TokenVocabulary vocabulary;

    public MaskEngine(TokenVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public TokenVocabulary vocabulary() {
        return vocabulary;
    }

    /** Length of the {@code long[]} a mask needs: ceil(vocabulary size / 64). */
    public int maskWords() {
        return (vocabulary.size() + 63) >>> 6;
    }

    /** @throws dev.schemagate.grammar.GrammarException when the grammar is malformed or over budget */
    public CompiledConstraint compile(Grammar grammar) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
