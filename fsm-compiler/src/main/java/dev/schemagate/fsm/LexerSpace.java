package dev.schemagate.fsm;

import dev.schemagate.fsm.lexer.LexerStates;
import dev.schemagate.fsm.mask.PlanCache;
import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.fsm.regex.RegexArena;
import dev.schemagate.fsm.regex.ShortestSuffix;
import java.util.HashMap;
import java.util.Map;

/**
 * The lexer tables that constraints share: regex arena, lazy DFA, mask plans and translated character
 * classes. Ids in one space mean nothing in another, so a constraint keeps the space it was compiled in;
 * the engine starts a new space when this one is over its budget, and the old one is collected with the last
 * constraint that uses it. Access is serialised on the space itself.
 */
final class LexerSpace {
    final RegexArena arena = new RegexArena();
    final LexerStates lexer = new LexerStates(arena);
    final PlanCache plans;
    final Map<CodePointSet, Integer> classCache = new HashMap<>();
    final ShortestSuffix shortest = new ShortestSuffix(arena);

    LexerSpace(int vocabularySize, long planBudgetBytes) {
        this.plans = new PlanCache(vocabularySize, planBudgetBytes);
    }

    /** Size measure for the engine's rollover decision: expressions plus DFA states. */
    long size() {
        return arena.size() + (long) lexer.stateCount();
    }
}
