package dev.schemagate.fsm.parser;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * How many bytes at least an output still needs to become a complete sentence: the "shortest ending" that
 * lets generation steer to a valid end when its token budget runs low.
 *
 * <p>Per grammar: the shortest yield of each nonterminal (a fixed point over the productions) and, for every
 * dot position, the shortest yield of the rest of its production. Per state: an item of the current row
 * that expects lexeme X costs what finishes X, plus the rest of its production, plus what completing its
 * left-hand side costs at its origin row, recursively down to the augmented start at row 0. Costs within one
 * row can depend on each other (items predicted in that row), so a row's are relaxed to a fixed point.
 * Lexemes are counted by their own shortest strings: greedy lexing (a byte that would extend the previous
 * lexeme) is not modelled, so the result is a lower bound and exact for grammars with delimited lexemes.
 */
public final class CompletionCost {
    public static final int UNREACHABLE = Integer.MAX_VALUE / 4;

    private final Cfg cfg;
    private final int[] restOfProduction;

    /** @param lexemeBytes the shortest string of a lexeme (by regex id), or {@link #UNREACHABLE} */
    public CompletionCost(Cfg cfg, IntUnaryOperator lexemeBytes) {
        this.cfg = cfg;
        int[] sym = cfg.symbols();
        int[] nonterminal = new int[cfg.nonterminalCount()];
        java.util.Arrays.fill(nonterminal, UNREACHABLE);
        int[] terminal = new int[sym.length];
        for (int i = 0; i < sym.length; i++) terminal[i] = Cfg.isTerminal(sym[i]) ? lexemeBytes.applyAsInt(Cfg.lexemeOf(sym[i])) : 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int a = 0; a < nonterminal.length; a++) {
                for (int start : cfg.productionStarts()[a]) {
                    long sum = 0;
                    for (int i = start; sym[i] != Cfg.END && sum < UNREACHABLE; i++) sum += sym[i] >= 0 ? nonterminal[sym[i]] : terminal[i];
                    if (sum < nonterminal[a]) {
                        nonterminal[a] = (int) sum;
                        changed = true;
                    }
                }
            }
        }
        restOfProduction = new int[sym.length + 1];
        for (int i = sym.length - 1; i >= 0; i--) {
            if (sym[i] == Cfg.END) restOfProduction[i] = 0;
            else restOfProduction[i] = (int) Math.min(UNREACHABLE, (long) restOfProduction[i + 1] + (sym[i] >= 0 ? nonterminal[sym[i]] : terminal[i]));
        }
    }

    /**
     * The fewest bytes from this parser state to a complete sentence.
     *
     * @param row         the current row (what was completed so far)
     * @param pendingBytes for a lexeme (regex id) the current row expects: the bytes that finish it from the
     *                     lexer's current position, {@link #UNREACHABLE} when it can no longer match
     * @param atRowStart  no byte of the next lexeme has been read (the row's own acceptance counts)
     */
    public int bytesToEnd(EarleyParser parser, int row, IntUnaryOperator pendingBytes, boolean atRowStart) {
        if (atRowStart && parser.accepting(row)) return 0;
        int[] sym = cfg.symbols();
        Map<Integer, Map<Integer, Integer>> completions = new HashMap<>();
        long best = UNREACHABLE;
        for (int i = parser.rowItemsStart(row), e = parser.rowItemsEnd(row); i < e; i++) {
            long item = parser.item(i);
            int dot = (int) item;
            if (!Cfg.isTerminal(sym[dot])) continue;
            int pending = pendingBytes.applyAsInt(Cfg.lexemeOf(sym[dot]));
            if (pending >= UNREACHABLE) continue;
            long cost = (long) pending + restOfProduction[dot + 1] + completing(parser, (int) (item >>> 32), cfg.lhsAt()[dot], completions);
            best = Math.min(best, cost);
        }
        return (int) Math.min(best, UNREACHABLE);
    }

    /** The fewest bytes after nonterminal {@code lhs}, begun at row {@code origin}, is complete. */
    private int completing(EarleyParser parser, int origin, int lhs, Map<Integer, Map<Integer, Integer>> memo) {
        if (origin == 0 && lhs == 0) return 0;
        return completionsAt(parser, origin, memo).getOrDefault(lhs, UNREACHABLE);
    }

    /** For each nonterminal some item of the row waits for: the fewest bytes after it completes (relaxed to a fixed point). */
    private Map<Integer, Integer> completionsAt(EarleyParser parser, int row, Map<Integer, Map<Integer, Integer>> memo) {
        Map<Integer, Integer> known = memo.get(row);
        if (known != null) return known;
        Map<Integer, Integer> costs = new HashMap<>();
        memo.put(row, costs);
        int[] sym = cfg.symbols();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = parser.rowItemsStart(row), e = parser.rowItemsEnd(row); i < e; i++) {
                long item = parser.item(i);
                int dot = (int) item;
                int waitsFor = sym[dot];
                if (waitsFor < 0) continue;
                int origin = (int) (item >>> 32);
                int lhs = cfg.lhsAt()[dot];
                int after = origin == row && !(origin == 0 && lhs == 0) ? costs.getOrDefault(lhs, UNREACHABLE) : completing(parser, origin, lhs, memo);
                long cost = Math.min(UNREACHABLE, (long) restOfProduction[dot + 1] + after);
                if (cost < costs.getOrDefault(waitsFor, UNREACHABLE)) {
                    costs.put(waitsFor, (int) cost);
                    changed = true;
                }
            }
        }
        return costs;
    }
}
