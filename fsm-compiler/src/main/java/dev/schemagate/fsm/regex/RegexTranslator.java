package dev.schemagate.fsm.regex;

import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.GrammarException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Translates the regular part of the grammar IR (a token's body) into {@link RegexArena} expressions over UTF-8 bytes. */
public final class RegexTranslator {
    private final RegexArena arena;
    // Front ends share sub-expression objects (e.g. one JSON-char class); identity memo keeps translation linear.
    private final Map<Expr, Integer> memo = new IdentityHashMap<>();
    private final Map<CodePointSet, Integer> classes;

    /** @param classes translations of character classes, shared across compiles of one arena */
    public RegexTranslator(RegexArena arena, Map<CodePointSet, Integer> classes) {
        this.arena = arena;
        this.classes = classes;
    }

    public int translate(Expr e) {
        Integer m = memo.get(e);
        if (m != null) return m;
        int id = switch (e) {
            case Expr.Nothing n -> RegexArena.EMPTY;
            case Expr.Empty n -> RegexArena.EPSILON;
            case Expr.Literal l -> literal(l.text().getBytes(StandardCharsets.UTF_8));
            case Expr.CharClass c -> classes.computeIfAbsent(c.set(), this::utf8Class);
            case Expr.Seq s -> {
                int[] parts = new int[s.items().size()];
                for (int i = 0; i < parts.length; i++) parts[i] = translate(s.items().get(i));
                yield arena.concat(parts);
            }
            case Expr.Alt a -> {
                int[] parts = new int[a.options().size()];
                for (int i = 0; i < parts.length; i++) parts[i] = translate(a.options().get(i));
                yield arena.or(parts);
            }
            case Expr.Repeat rep -> arena.repeat(translate(rep.body()), rep.min(), rep.max());
            case Expr.And a -> {
                int[] parts = new int[a.parts().size()];
                for (int i = 0; i < parts.length; i++) parts[i] = translate(a.parts().get(i));
                yield arena.and(parts);
            }
            case Expr.Not n -> arena.not(translate(n.body()));
            case Expr.Ref ref -> throw new GrammarException("a token cannot refer to rule '" + ref.rule() + "': tokens must be regular");
            case Expr.Token t -> throw new GrammarException("a token cannot contain another token");
        };
        memo.put(e, id);
        return id;
    }

    private int literal(byte[] bytes) {
        int[] parts = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) parts[i] = arena.byteValue(bytes[i] & 0xFF);
        return arena.concat(parts);
    }

    /** One code point of the set, as the alternatives of its UTF-8 byte sequences (surrogates excluded). */
    private int utf8Class(CodePointSet set) {
        List<Integer> alts = new ArrayList<>();
        for (int i = 0; i < set.rangeCount(); i++) {
            int lo = set.lo(i), hi = set.hi(i);
            // UTF-8 cannot encode surrogates: split them out of the range.
            if (lo <= 0xDFFF && hi >= 0xD800) {
                if (lo < 0xD800) utf8Range(lo, 0xD7FF, alts);
                if (hi > 0xDFFF) utf8Range(0xE000, hi, alts);
            } else {
                utf8Range(lo, hi, alts);
            }
        }
        return arena.or(alts.stream().mapToInt(Integer::intValue).toArray());
    }

    private static final int[] LENGTH_MAX = {0x7F, 0x7FF, 0xFFFF, 0x10FFFF};

    private void utf8Range(int lo, int hi, List<Integer> out) {
        // Split at encoded-length boundaries first, then by continuation-byte alignment.
        for (int len = 0; len < 4; len++) {
            int min = len == 0 ? 0 : LENGTH_MAX[len - 1] + 1;
            int max = LENGTH_MAX[len];
            int a = Math.max(lo, min), b = Math.min(hi, max);
            if (a <= b) sameLength(a, b, len + 1, out);
        }
    }

    private void sameLength(int lo, int hi, int n, List<Integer> out) {
        if (n == 1) {
            out.add(arena.byteRange(lo, hi));
            return;
        }
        // Bits carried by the continuation bytes after the first.
        for (int i = 1; i < n; i++) {
            int m = (1 << (6 * i)) - 1;
            if ((lo & ~m) != (hi & ~m)) {
                if ((lo & m) != 0) {
                    sameLength(lo, lo | m, n, out);
                    sameLength((lo | m) + 1, hi, n, out);
                    return;
                }
                if ((hi & m) != m) {
                    sameLength(lo, (hi & ~m) - 1, n, out);
                    sameLength(hi & ~m, hi, n, out);
                    return;
                }
            }
        }
        byte[] a = rawEncode(lo, n), b = rawEncode(hi, n);
        int[] parts = new int[n];
        for (int i = 0; i < n; i++) parts[i] = arena.byteRange(a[i] & 0xFF, b[i] & 0xFF);
        out.add(arena.concat(parts));
    }

    private static byte[] rawEncode(int cp, int n) {
        byte[] out = new byte[n];
        for (int i = n - 1; i > 0; i--) {
            out[i] = (byte) (0x80 | (cp & 0x3F));
            cp >>>= 6;
        }
        out[0] = (byte) (switch (n) {
            case 2 -> 0xC0;
            case 3 -> 0xE0;
            default -> 0xF0;
        } | cp);
        return out;
    }
}
