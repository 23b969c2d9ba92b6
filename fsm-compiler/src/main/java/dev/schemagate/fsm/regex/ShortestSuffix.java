package dev.schemagate.fsm.regex;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The length in bytes of the shortest string a regex (a lexeme, or what is left of one mid-way) still matches.
 * Used to steer an output to its end. Callers hold the arena's lock.
 *
 * <p>Without intersections or complements the length follows from the structure in one pass, exactly. With
 * them, a breadth-first search over derivatives (one byte per byte class) runs until every open path is at
 * least as long as the best ending found; a derivative free of them ends its path with its exact length. Past
 * {@link #BUDGET} expressions it returns the depth reached, a lower bound.
 */
public final class ShortestSuffix {
    /** Expressions explored per search before giving up with the depth reached (a lower bound). */
    private static final int BUDGET = 4_000;
    public static final int UNREACHABLE = Integer.MAX_VALUE / 4;

    private final RegexArena arena;
    private final Map<Integer, Integer> memo = new HashMap<>();

    public ShortestSuffix(RegexArena arena) {
        this.arena = arena;
    }

    public int of(int id) {
        if (id == RegexArena.EMPTY) return UNREACHABLE;
        if (arena.isNullable(id)) return 0;
        if (!arena.hasBooleanOps(id)) return arena.shortestLength(id, UNREACHABLE);
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
        int best = UNREACHABLE;
        int depth = 0;
        boolean[] classDone = new boolean[256];
        while (!frontier.isEmpty() && depth + 1 < best) {
            depth++;
            for (int n = frontier.size(); n > 0; n--) {
                int id = frontier.poll();
                int[] labels = arena.classLabels(arena.byteClasses(id));
                Arrays.fill(classDone, false);
                for (int b = 0; b < 256; b++) {
                    if (classDone[labels[b]]) continue;
                    classDone[labels[b]] = true;
                    int d = arena.derivative(id, b);
                    if (d == RegexArena.EMPTY || !seen.add(d)) continue;
                    if (arena.isNullable(d)) return depth;
                    if (!arena.hasBooleanOps(d)) {
                        best = Math.min(best, depth + arena.shortestLength(d, UNREACHABLE));
                        continue;
                    }
                    if (seen.size() > BUDGET) return Math.min(best, depth);
                    frontier.add(d);
                }
            }
        }
        return best;
    }
}
