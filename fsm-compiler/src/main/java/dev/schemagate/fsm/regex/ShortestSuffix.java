package dev.schemagate.fsm.regex;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The length in bytes of the shortest string a regex (a lexeme, or what is left of one mid-way) still matches:
 * a breadth-first search over byte derivatives, memoised per expression. Used to steer an output to its end.
 * Callers hold the arena's lock.
 */
public final class ShortestSuffix {
    /** Expressions explored per query before giving up with the depth reached (a lower bound). */
    private static final int BUDGET = 20_000;
    public static final int UNREACHABLE = Integer.MAX_VALUE / 4;

    private final RegexArena arena;
    private final Map<Integer, Integer> memo = new HashMap<>();

    public ShortestSuffix(RegexArena arena) {
        this.arena = arena;
    }

    public int of(int id) {
        if (id == RegexArena.EMPTY) return UNREACHABLE;
        if (arena.isNullable(id)) return 0;
        Integer known = memo.get(id);
        if (known != null) return known;
        int length = search(id);
        memo.put(id, length);
        return length;
    }

    private int search(int start) {
        ArrayDeque<Integer> frontier = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        frontier.add(start);
        seen.add(start);
        int depth = 0;
        while (!frontier.isEmpty()) {
            depth++;
            for (int n = frontier.size(); n > 0; n--) {
                int id = frontier.poll();
                for (int b = 0; b < 256; b++) {
                    int d = arena.derivative(id, b);
                    if (d == RegexArena.EMPTY || !seen.add(d)) continue;
                    if (arena.isNullable(d)) return depth;
                    if (seen.size() > BUDGET) return depth;
                    frontier.add(d);
                }
            }
        }
        return UNREACHABLE;
    }
}
