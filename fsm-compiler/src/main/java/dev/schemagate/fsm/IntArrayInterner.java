package dev.schemagate.fsm;

import java.util.Arrays;

/**
 * Gives each distinct int sequence a dense id. Lookups read the caller's scratch buffer and allocate nothing;
 * only a sequence seen for the first time is copied. Used to intern lexer states and terminal sets.
 */
public final class IntArrayInterner {
    private int[][] values = new int[64][];
    private int[] table = new int[128]; // open addressing: id + 1, 0 = empty
    private int size;

    public int size() {
        return size;
    }

    public int[] get(int id) {
        return values[id];
    }

    /** The id of {@code buf[0..len)}, or -1 if it was never interned. */
    public int find(int[] buf, int len) {
        int mask = table.length - 1;
        for (int i = hash(buf, len) & mask; ; i = (i + 1) & mask) {
            int slot = table[i];
            if (slot == 0) return -1;
            if (Arrays.equals(values[slot - 1], 0, values[slot - 1].length, buf, 0, len)) return slot - 1;
        }
    }

    /** The id of {@code buf[0..len)}, interning a copy if new. */
    public int intern(int[] buf, int len) {
        int found = find(buf, len);
        if (found >= 0) return found;
        if ((size + 1) * 2 > table.length) rehash();
        int id = size++;
        if (id == values.length) values = Arrays.copyOf(values, id * 2);
        values[id] = Arrays.copyOf(buf, len);
        insert(id);
        return id;
    }

    private void insert(int id) {
        int mask = table.length - 1;
        int i = hash(values[id], values[id].length) & mask;
        while (table[i] != 0) i = (i + 1) & mask;
        table[i] = id + 1;
    }

    private void rehash() {
        table = new int[table.length * 2];
        for (int id = 0; id < size; id++) insert(id);
    }

    private static int hash(int[] buf, int len) {
        int h = len;
        for (int i = 0; i < len; i++) h = h * 0x9E3779B1 + buf[i];
        return h ^ (h >>> 15);
    }
}
