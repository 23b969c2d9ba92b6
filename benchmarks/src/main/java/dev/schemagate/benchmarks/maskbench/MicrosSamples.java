package dev.schemagate.benchmarks.maskbench;

import java.util.Arrays;

/** A growable list of durations in whole microseconds. */
public final class MicrosSamples {
    private int[] values = new int[1024];
    private int size;

    public void add(long micros) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = (int) Math.min(Integer.MAX_VALUE, micros);
    }

    /** Makes room for {@code more} samples, so a timed loop that adds them does not allocate. */
    public void reserve(int more) {
        if (size + more > values.length) values = Arrays.copyOf(values, Math.max(size + more, size * 2));
    }

    public void addAll(MicrosSamples other) {
        reserve(other.size);
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
    }

    public int size() {
        return size;
    }

    /** Largest sample, 0 when empty. */
    public int max() {
        int max = 0;
        for (int i = 0; i < size; i++) max = Math.max(max, values[i]);
        return max;
    }

    /** Number of samples of at least {@code micros}. */
    public int countAtLeast(int micros) {
        int n = 0;
        for (int i = 0; i < size; i++) if (values[i] >= micros) n++;
        return n;
    }

    /** A sorted copy of the samples. */
    int[] sorted() {
        int[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }
}
