package dev.schemagate.fsm;

import dev.schemagate.fsm.parser.Cfg;
import dev.schemagate.fsm.parser.CfgBuilder;
import dev.schemagate.fsm.trie.SafeTokens;
import dev.schemagate.fsm.trie.TokenTrie;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.tokenizer.TokenVocabulary;

/**
 * One per tokenizer vocabulary: compiles grammars to constraints that answer "which tokens may come next".
 *
 * <p>Constraints compiled here share one {@link LexerSpace}, so a string field of one schema reuses the DFA
 * states and masks another schema already paid for. When the space grows past its budget, later compiles
 * start a new one, which bounds memory in a long-running process.
 */
public final class MaskEngine {
    private static final int MAX_GRAMMAR_SYMBOLS = 2_000_000;
    private static final long PLAN_CACHE_BYTES = 256L << 20;
    private static final long SPACE_BUDGET = 2_000_000;

    private final TokenVocabulary vocabulary;
    private final TokenTrie trie;
    private final SafeTokens safeTokens;
    private final int[] endOfSequence;
    private LexerSpace space;

    public MaskEngine(TokenVocabulary vocabulary) {
        this(vocabulary, true);
    }

    /**
     * An engine that computes every mask plan by walking the whole trie: slower, and the reference that
     * differential tests hold the shortcuts to.
     */
    public static MaskEngine withoutShortcuts(TokenVocabulary vocabulary) {
        return new MaskEngine(vocabulary, false);
    }

    private MaskEngine(TokenVocabulary vocabulary, boolean shortcuts) {
        this.vocabulary = vocabulary;
        this.trie = TokenTrie.build(vocabulary);
        this.safeTokens = shortcuts ? SafeTokens.build(vocabulary, trie) : null;
        this.endOfSequence = vocabulary.endOfSequence();
        this.space = new LexerSpace(vocabulary.size(), PLAN_CACHE_BYTES);
    }

    public TokenVocabulary vocabulary() {
        return vocabulary;
    }

    /** Length of the {@code long[]} a mask needs: ceil(vocabulary size / 64). */
    public int maskWords() {
        return (vocabulary.size() + 63) >>> 6;
    }

    /** @throws dev.schemagate.grammar.GrammarException when the grammar is malformed, empty or over budget */
    public CompiledConstraint compile(Grammar grammar) {
        LexerSpace s = currentSpace();
        synchronized (s) {
            Cfg cfg = CfgBuilder.build(grammar, s.arena, s.classCache, MAX_GRAMMAR_SYMBOLS);
            return new CompiledConstraint(this, s, cfg);
        }
    }

    private synchronized LexerSpace currentSpace() {
        if (space.size() > SPACE_BUDGET) {
            space = new LexerSpace(vocabulary.size(), PLAN_CACHE_BYTES);
        }
        return space;
    }

    TokenTrie trie() {
        return trie;
    }

    /** Null when shortcuts are off. */
    SafeTokens safeTokens() {
        return safeTokens;
    }

    int[] endOfSequenceIds() {
        return endOfSequence;
    }
}
