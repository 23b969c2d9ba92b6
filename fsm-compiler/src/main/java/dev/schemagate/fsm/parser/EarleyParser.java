package dev.schemagate.fsm.parser;

import dev.schemagate.fsm.lexer.LexerStates;
import dev.schemagate.grammar.GrammarException;
import java.util.Arrays;

/**
 * An Earley parser over lexemes. Rows (Earley sets) are stored one after another; a row built while
 * exploring a token (mask computation) may branch off any earlier row, so rows form a tree whose trunk is the
 * committed input, and item origins always name an ancestor row. {@link #truncate} drops speculative rows.
 *
 * <p>Items are packed as {@code origin << 32 | dot}, where dot indexes {@link Cfg#symbols()}. Nullable
 * nonterminals are completed at prediction time (Aycock and Horspool), so a row is finished in one pass.
 */
public final class EarleyParser {
    private static final int MAX_ROW_ITEMS = 1 << 20;

    private final Cfg cfg;
    private final LexerStates lexer;
    private long[] items = new long[1024];
    private int itemCount;
    private int[] rowStart = new int[64];
    private int[] rowEnd = new int[64];
    private int[] rowLexStart = new int[64];
    private boolean[] rowAccepting = new boolean[64];
    private int rowCount;

    private final int[] predictedStamp;
    private int stamp;
    private long[] seenKeys = new long[256];
    private int[] seenStamp = new int[256];
    private int[] terminals = new int[64];

    public EarleyParser(Cfg cfg, LexerStates lexer) {
        this.cfg = cfg;
        this.lexer = lexer;
        this.predictedStamp = new int[cfg.nonterminalCount()];
        reset();
    }

    private EarleyParser(EarleyParser o) {
        this.cfg = o.cfg;
        this.lexer = o.lexer;
        this.items = Arrays.copyOf(o.items, Math.max(o.itemCount, 16));
        this.itemCount = o.itemCount;
        this.rowStart = Arrays.copyOf(o.rowStart, o.rowStart.length);
        this.rowEnd = Arrays.copyOf(o.rowEnd, o.rowEnd.length);
        this.rowLexStart = Arrays.copyOf(o.rowLexStart, o.rowLexStart.length);
        this.rowAccepting = Arrays.copyOf(o.rowAccepting, o.rowAccepting.length);
        this.rowCount = o.rowCount;
        this.predictedStamp = new int[cfg.nonterminalCount()];
    }

    public EarleyParser copy() {
        return new EarleyParser(this);
    }

    /** Back to the single initial row. */
    public void reset() {
        rowCount = 0;
        itemCount = 0;
        int r = beginRow();
        add(cfg.productionStarts()[0][0], 0, r);
        finishRow(r);
    }

    public int rowCount() {
        return rowCount;
    }

    public void truncate(int rows) {
        rowCount = rows;
        itemCount = rowEnd[rows - 1];
    }

    /** The lexer state at the start of the next lexeme after this row. */
    public int lexStart(int row) {
        return rowLexStart[row];
    }

    /** The items of a row: {@link #item} of each index in {@code [rowItemsStart, rowItemsEnd)}, packed {@code origin << 32 | dot}. */
    public int rowItemsStart(int row) {
        return rowStart[row];
    }

    public int rowItemsEnd(int row) {
        return rowEnd[row];
    }

    public long item(int index) {
        return items[index];
    }

    /** True when the input up to this row is a complete sentence. */
    public boolean accepting(int row) {
        return rowAccepting[row];
    }

    /**
     * Builds the row after {@code parent} on completing any lexeme of the accept set (lexer accept-set id).
     * Returns the new row, or -1 (nothing added) when no item of the parent expects one of them.
     */
    public int scan(int parent, int acceptSetId) {
        int[] accepted = lexer.acceptSet(acceptSetId);
        int r = beginRow();
        int[] sym = cfg.symbols();
        for (int i = rowStart[parent], e = rowEnd[parent]; i < e; i++) {
            long item = items[i];
            int s = sym[(int) item];
            if (Cfg.isTerminal(s) && contains(accepted, Cfg.lexemeOf(s))) add((int) item + 1, (int) (item >>> 32), r);
        }
        if (itemCount == rowStart[r]) {
            rowCount--;
            return -1;
        }
        finishRow(r);
        return r;
    }

    private static boolean contains(int[] sorted, int v) {
        for (int x : sorted) {
            if (x == v) return true;
            if (x > v) return false;
        }
        return false;
    }

    private int beginRow() {
        if (rowCount == rowStart.length) {
            int n = rowCount * 2;
            rowStart = Arrays.copyOf(rowStart, n);
            rowEnd = Arrays.copyOf(rowEnd, n);
            rowLexStart = Arrays.copyOf(rowLexStart, n);
            rowAccepting = Arrays.copyOf(rowAccepting, n);
        }
        int r = rowCount++;
        rowStart[r] = itemCount;
        rowAccepting[r] = false;
        if (++stamp == Integer.MAX_VALUE) {
            stamp = 1;
            Arrays.fill(predictedStamp, 0);
            Arrays.fill(seenStamp, 0);
        }
        return r;
    }

    /** Runs prediction and completion to closure, then computes the row's lexer start state. */
    private void finishRow(int r) {
        int[] sym = cfg.symbols();
        int[] lhsAt = cfg.lhsAt();
        int nTerminals = 0;
        for (int i = rowStart[r]; i < itemCount; i++) {
            long item = items[i];
            int dot = (int) item;
            int origin = (int) (item >>> 32);
            int s = sym[dot];
            if (s == Cfg.END) {
                int lhs = lhsAt[dot];
                if (dot == cfg.acceptPosition() && origin == 0) rowAccepting[r] = true;
                int end = origin == r ? itemCount : rowEnd[origin];
                for (int j = rowStart[origin]; j < end; j++) {
                    long waiting = items[j];
                    if (sym[(int) waiting] == lhs) add((int) waiting + 1, (int) (waiting >>> 32), r);
                }
            } else if (s >= 0) {
                if (predictedStamp[s] != stamp) {
                    predictedStamp[s] = stamp;
                    for (int p : cfg.productionStarts()[s]) add(p, r, r);
                }
                if (cfg.nullable()[s]) add(dot + 1, origin, r);
            } else {
                if (nTerminals == terminals.length) terminals = Arrays.copyOf(terminals, nTerminals * 2);
                terminals[nTerminals++] = Cfg.lexemeOf(s);
            }
            if (itemCount - rowStart[r] > MAX_ROW_ITEMS) {
                throw new GrammarException("parser row over " + MAX_ROW_ITEMS + " items: the grammar is too ambiguous");
            }
        }
        rowEnd[r] = itemCount;
        rowLexStart[r] = lexer.start(terminals, sortDistinct(terminals, nTerminals));
    }

    private static int sortDistinct(int[] a, int n) {
        for (int i = 1; i < n; i++) { // insertion sort: rows expect few distinct lexemes
            int v = a[i], j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (k == 0 || a[k - 1] != a[i]) a[k++] = a[i];
        }
        return k;
    }

    private void add(int dot, int origin, int row) {
        long item = ((long) origin << 32) | dot;
        int rowSize = itemCount - rowStart[row];
        if (rowSize * 2 >= seenKeys.length) growSeen(row);
        int mask = seenKeys.length - 1;
        int h = (int) (item ^ (item >>> 29)) * 0x9E3779B1;
        for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
            if (seenStamp[i] != stamp) {
                seenStamp[i] = stamp;
                seenKeys[i] = item;
                break;
            }
            if (seenKeys[i] == item) return;
        }
        if (itemCount == items.length) items = Arrays.copyOf(items, itemCount * 2);
        items[itemCount++] = item;
    }

    private void growSeen(int row) {
        seenKeys = new long[seenKeys.length * 2];
        seenStamp = new int[seenKeys.length];
        int mask = seenKeys.length - 1;
        for (int j = rowStart[row]; j < itemCount; j++) {
            long item = items[j];
            int h = (int) (item ^ (item >>> 29)) * 0x9E3779B1;
            int i = (h ^ (h >>> 16)) & mask;
            while (seenStamp[i] == stamp) i = (i + 1) & mask;
            seenStamp[i] = stamp;
            seenKeys[i] = item;
        }
    }
}
