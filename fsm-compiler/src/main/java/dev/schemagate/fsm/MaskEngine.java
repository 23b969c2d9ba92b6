package dev.schemagate.fsm;

import dev.schemagate.fsm.lexer.LexerStates;
import dev.schemagate.fsm.mask.PlanCache;
import dev.schemagate.fsm.parser.Cfg;
import dev.schemagate.fsm.parser.CfgBuilder;
import dev.schemagate.fsm.regex.RegexArena;
import dev.schemagate.fsm.trie.TokenTrie;
import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.tokenizer.TokenVocabulary;
import java.util.HashMap;
import java.util.Map;

/**
 * One per tokenizer vocabulary: compiles grammars to constraints that answer "which tokens may come next".
 *
 * <p>The lexer's tables (regex arena, DFA states, mask plans) are shared by every constraint compiled here,
 * so a string field of one schema reuses the masks another schema already paid for. Access to them is
 * serialised on this engine's lock.
 */
public final class MaskEngine {
    private static final int MAX_GRAMMAR_SYMBOLS = 2_000_000;
    private static final long PLAN_CACHE_BYTES = 512L << 20;

    private final TokenVocabulary vocabulary;
    private final TokenTrie trie;
    private final RegexArena arena = new RegexArena();
    private final LexerStates lexer = new LexerStates(arena);
    private final PlanCache plans;
    private final int[] endOfSequence;
    private final Map<CodePointSet, Integer> classCache = new HashMap<>();

    public MaskEngine(TokenVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.trie = TokenTrie.build(vocabulary);
        this.plans = new PlanCache(vocabulary.size(), PLAN_CACHE_BYTES);
        this.endOfSequence = vocabulary.endOfSequence();
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
        synchronized (lock()) {
            Cfg cfg = CfgBuilder.build(grammar, arena, classCache, MAX_GRAMMAR_SYMBOLS);
            return new CompiledConstraint(this, cfg);
        }
    }

    /** Number of lexer DFA states and mask plans built so far (for benchmarks and cache tuning). */
    public String statistics() {
        synchronized (lock()) {
            return "regexes=" + arena.size() + " lexerStates=" + lexer.stateCount() + " planMisses=" + plans.misses();
        }
    }

    Object lock() {
        return arena;
    }

    TokenTrie trie() {
        return trie;
    }

    LexerStates lexer() {
        return lexer;
    }

    PlanCache plans() {
        return plans;
    }

    int[] endOfSequenceIds() {
        return endOfSequence;
    }
}
