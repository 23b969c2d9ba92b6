package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.CodePointSet;
import java.util.ArrayList;
import java.util.List;

/** Closure of code point sets under simple (one to one) case mapping, for case-insensitive patterns. */
final class CaseFolding {
    private CaseFolding() {}

    /** Every code point whose lower, upper or title case differs from it, with those cases. */
    private static final class Table {
        static final int[] CASED;
        static final int[][] VARIANTS;

        static {
            List<Integer> cased = new ArrayList<>();
            List<int[]> variants = new ArrayList<>();
            for (int cp = 0; cp <= CodePointSet.MAX; cp++) {
                int lower = Character.toLowerCase(cp), upper = Character.toUpperCase(cp), title = Character.toTitleCase(cp);
                if (lower != cp || upper != cp || title != cp) {
                    cased.add(cp);
                    variants.add(new int[] {lower, upper, title});
                }
            }
            CASED = cased.stream().mapToInt(Integer::intValue).toArray();
            VARIANTS = variants.toArray(int[][]::new);
        }
    }

    /** The members' case variants, and the code points one of whose variants is a member (the Kelvin sign for k). */
    static CodePointSet close(CodePointSet set) {
        List<Integer> added = new ArrayList<>();
        for (int i = 0; i < Table.CASED.length; i++) {
            if (!set.contains(Table.CASED[i])) continue;
            for (int v : Table.VARIANTS[i]) {
                added.add(v);
                added.add(v);
            }
        }
        for (int i = 0; i < Table.CASED.length; i++) {
            for (int v : Table.VARIANTS[i]) {
                if (v != Table.CASED[i] && set.contains(v)) {
                    added.add(Table.CASED[i]);
                    added.add(Table.CASED[i]);
                }
            }
        }
        if (added.isEmpty()) return set;
        return set.union(CodePointSet.ofRanges(added.stream().mapToInt(Integer::intValue).toArray()));
    }
}
