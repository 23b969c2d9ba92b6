package dev.schemagate.schemas.emit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The automaton of an object body: which tracked members were written (a subset of them when they may come
 * in any order, or how many of the required ones when they must keep their declared order) and how many
 * members were written in all (saturating when there is no maximum; above zero means the next member needs a
 * comma). Tracked members are the required ones, each exactly once, then the optional declared ones, each at
 * most once. Only states reachable from the empty object that can still reach a complete object are kept.
 */
final class MemberStates {
    /** Edge label of an untracked member (any number of them may occur). */
    static final int OTHER = -1;

    record State(int progress, int written) {}

    /** A member (the index of a required one, or {@link #OTHER}) leading to {@code to}. */
    record Edge(int member, State to) {}

    private final int required;
    private final int optional;
    private final boolean anyOrder;
    private final boolean others;
    private final int min;
    private final int max;
    private final int cap;
    private final Map<State, List<Edge>> edges = new LinkedHashMap<>();

    private MemberStates(int required, int optional, boolean anyOrder, boolean others, int min, int max) {
        this.required = required;
        this.optional = optional;
        this.anyOrder = anyOrder;
        this.others = others;
        // Every complete object holds each required member once, so bounds they already imply need no counting.
        this.min = min <= required ? 0 : min;
        this.max = !others && max >= required + optional ? -1 : max;
        this.cap = this.max >= 0 ? this.max : Math.max(this.min, 1);
    }

    /**
     * The productive states for {@code required} required and {@code optional} tracked optional members
     * (members 0.. are the required ones, then the optional ones; optional ones need any order), or null when
     * more than {@code budget} states are reachable. {@code others} says whether untracked members exist.
     */
    static MemberStates explore(int required, int optional, boolean anyOrder, boolean others, int min, int max, int budget) {
        if (optional > 0 && !anyOrder) throw new IllegalArgumentException("optional members are tracked in any order only");
        MemberStates m = new MemberStates(required, optional, anyOrder, others, min, max);
        return m.build(budget) ? m : null;
    }

    State start() {
        return new State(0, 0);
    }

    /** Reachable, productive states; the start is among them unless no object fits the bounds. */
    Set<State> states() {
        return edges.keySet();
    }

    /** The moves out of {@code s} to productive states. */
    List<Edge> edges(State s) {
        return edges.get(s);
    }

    boolean accepting(State s) {
        int all = (1 << required) - 1;
        return (anyOrder ? (s.progress() & all) == all : s.progress() == required) && s.written() >= min;
    }

    private boolean build(int budget) {
        Map<State, List<Edge>> all = new LinkedHashMap<>();
        ArrayDeque<State> work = new ArrayDeque<>(List.of(start()));
        all.put(start(), null);
        while (!work.isEmpty()) {
            State s = work.pop();
            List<Edge> out = successors(s);
            all.put(s, out);
            for (Edge e : out) {
                if (!all.containsKey(e.to())) {
                    if (all.size() >= budget) return false;
                    all.put(e.to(), null);
                    work.push(e.to());
                }
            }
        }
        // Every edge but a saturated self-loop adds a member, a required one or both, so this order is topological.
        List<State> byDepth = new ArrayList<>(all.keySet());
        byDepth.sort(Comparator.comparingInt(this::depth).reversed());
        Set<State> productive = new HashSet<>();
        for (State s : byDepth) {
            List<Edge> live = all.get(s).stream().filter(e -> productive.contains(e.to()) || e.to().equals(s)).toList();
            if (accepting(s) || live.stream().anyMatch(e -> !e.to().equals(s))) {
                productive.add(s);
                edges.put(s, live);
            }
        }
        return true;
    }

    private int depth(State s) {
        return (anyOrder ? Integer.bitCount(s.progress()) : s.progress()) + s.written();
    }

    private List<Edge> successors(State s) {
        List<Edge> out = new ArrayList<>();
        if (max >= 0 && s.written() >= max) return out;
        int written = Math.min(s.written() + 1, cap);
        if (others) out.add(new Edge(OTHER, new State(s.progress(), written)));
        if (anyOrder) {
            for (int i = 0; i < required + optional; i++) {
                if ((s.progress() & (1 << i)) == 0) out.add(new Edge(i, new State(s.progress() | (1 << i), written)));
            }
        } else if (s.progress() < required) {
            out.add(new Edge(s.progress(), new State(s.progress() + 1, written)));
        }
        return out;
    }
}
