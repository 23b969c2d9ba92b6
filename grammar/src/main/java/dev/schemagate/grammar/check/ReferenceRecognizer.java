package dev.schemagate.grammar.check;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A slow, deliberately simple recognizer of the grammar IR, used as a test oracle. For every node and
 * start position it computes the set of end positions the node can reach over the UTF-8 bytes of the
 * text, memoized per (node, position). Token bodies are matched as plain expressions (no lexing).
 */
public final class ReferenceRecognizer {
    private final Map<String, Expr> rules;
    private final byte[] text;
    private final Map<Expr, BitSet[]> memo = new IdentityHashMap<>();
    /** (rule, position) pairs being computed: re-entering one means left recursion. */
    private final Set<String> inProgress = new HashSet<>();

    private ReferenceRecognizer(Map<String, Expr> rules, byte[] text) {
        this.rules = rules;
        this.text = text;
    }

    public static boolean accepts(Grammar g, String text) {
        return accepts(g, text.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean accepts(Grammar g, byte[] utf8) {
        return new ReferenceRecognizer(g.rules(), utf8).ends(new Expr.Ref(g.start()), 0).get(utf8.length);
    }

    /** Whether a regular expression (no {@link Expr.Ref}) matches the whole text. */
    public static boolean matches(Expr regular, String text) {
        return matches(regular, text.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean matches(Expr regular, byte[] utf8) {
        return new ReferenceRecognizer(Map.of(), utf8).ends(regular, 0).get(utf8.length);
    }

    /** The end positions q such that {@code e} matches text[p, q). The result must not be modified. */
    private BitSet ends(Expr e, int p) {
        BitSet[] row = memo.computeIfAbsent(e, k -> new BitSet[text.length + 1]);
        if (row[p] == null) row[p] = compute(e, p);
        return row[p];
    }

    private BitSet compute(Expr e, int p) {
        return switch (e) {
            case Expr.Nothing n -> new BitSet();
            case Expr.Empty n -> single(p);
            case Expr.Literal lit -> literal(lit.utf8(), p);
            case Expr.CharClass c -> {
                int len = codePointLength(p);
                yield len > 0 && c.set().contains(decode(p, len)) ? single(p + len) : new BitSet();
            }
            case Expr.Seq s -> seq(s.items(), p);
            case Expr.Alt a -> {
                BitSet out = new BitSet();
                for (Expr o : a.options()) out.or(ends(o, p));
                yield out;
            }
            case Expr.Repeat r -> repeat(r, p);
            case Expr.And a -> {
                BitSet out = new BitSet();
                out.set(p, text.length + 1);
                for (Expr part : a.parts()) out.and(ends(part, p));
                yield out;
            }
            case Expr.Not n -> {
                BitSet out = new BitSet();
                out.set(p, text.length + 1);
                out.andNot(ends(n.body(), p));
                yield out;
            }
            case Expr.Token t -> ends(t.body(), p);
            case Expr.Ref r -> ref(r.rule(), p);
        };
    }

    private BitSet ref(String rule, int p) {
        Expr body = rules.get(rule);
        if (body == null) throw new GrammarException("reference to undefined rule '" + rule + "'");
        String key = rule + "@" + p;
        if (!inProgress.add(key)) {
            throw new GrammarException("left recursion through rule '" + rule + "' at byte " + p);
        }
        try {
            return ends(body, p);
        } finally {
            inProgress.remove(key);
        }
    }

    private BitSet seq(List<Expr> items, int p) {
        BitSet cur = single(p);
        for (Expr item : items) cur = step(item, cur);
        return cur;
    }

    /** Ends reachable by matching {@code e} once from any position of {@code from}. */
    private BitSet step(Expr e, BitSet from) {
        BitSet out = new BitSet();
        for (int q = from.nextSetBit(0); q >= 0; q = from.nextSetBit(q + 1)) out.or(ends(e, q));
        return out;
    }

    /**
     * Iterates "positions after exactly k repetitions". The step is deterministic on sets, so a set equal
     * to its successor is a fixed point; one is always reached within about 2n steps because, past n
     * steps, some iteration was empty and can be repeated, making the sets grow monotonically.
     */
    private BitSet repeat(Expr.Repeat r, int p) {
        BitSet cur = single(p);
        int k = 0;
        for (; k < r.min(); k++) {
            BitSet next = step(r.body(), cur);
            if (next.equals(cur) || next.isEmpty()) return next;
            cur = next;
        }
        BitSet out = (BitSet) cur.clone();
        if (r.max() == Expr.UNBOUNDED) return closure(r.body(), out);
        for (; k < r.max(); k++) {
            BitSet next = step(r.body(), cur);
            if (next.equals(cur) || next.isEmpty()) break;
            out.or(next);
            cur = next;
        }
        return out;
    }

    /** All positions reachable from {@code start} by any number of matches of {@code body}. */
    private BitSet closure(Expr body, BitSet start) {
        BitSet seen = (BitSet) start.clone();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        start.stream().forEach(work::add);
        while (!work.isEmpty()) {
            BitSet next = ends(body, work.pop());
            for (int q = next.nextSetBit(0); q >= 0; q = next.nextSetBit(q + 1)) {
                if (!seen.get(q)) {
                    seen.set(q);
                    work.add(q);
                }
            }
        }
        return seen;
    }

    private BitSet literal(byte[] bytes, int p) {
        if (p + bytes.length > text.length) return new BitSet();
        for (int i = 0; i < bytes.length; i++) {
            if (text[p + i] != bytes[i]) return new BitSet();
        }
        return single(p + bytes.length);
    }

    /** Length of the well-formed UTF-8 sequence at p (no overlongs, no surrogates), or 0 if there is none. */
    private int codePointLength(int p) {
        if (p >= text.length) return 0;
        int b = text[p] & 0xFF;
        int len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
                : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (len == 0 || p + len > text.length) return 0;
        for (int i = 1; i < len; i++) {
            if ((text[p + i] & 0xC0) != 0x80) return 0;
        }
        int cp = decode(p, len);
        boolean shortest = len < 3 || (len == 3 ? cp >= 0x800 : cp >= 0x10000);
        boolean scalar = cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        return shortest && scalar ? len : 0;
    }

    private int decode(int p, int len) {
        if (len == 1) return text[p];
        int cp = text[p] & (0xFF >> (len + 1));
        for (int i = 1; i < len; i++) cp = (cp << 6) | (text[p + i] & 0x3F);
        return cp;
    }

    private static BitSet single(int p) {
        BitSet b = new BitSet();
        b.set(p);
        return b;
    }
}
