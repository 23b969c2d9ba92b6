package dev.schemagate.fsm.regex;

import java.util.Arrays;

/** Open-addressing map from long keys to int values (no boxing); -1 means absent. */
final class LongIntMap {
    private static final long EMPTY_KEY = Long.MIN_VALUE;
    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int size;

    LongIntMap() {
        Arrays.fill(keys, EMPTY_KEY);
    }

    int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) return values[i];
            if (k == EMPTY_KEY) return -1;
        }
    }

    void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY_KEY && keys[i] != key) i = (i + 1) & mask;
        if (keys[i] == EMPTY_KEY) size++;
        keys[i] = key;
        values[i] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY_KEY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY_KEY) put(oldKeys[i], oldValues[i]);
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
