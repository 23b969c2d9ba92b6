package dev.schemagate.benchmarks.maskbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A deterministic sample of benchmark files: a partial Fisher-Yates shuffle of the name-sorted list driven by
 * {@code java.util.Random(seed)} (whose sequence the JDK specifies), keeping the first N, returned in name order.
 * The same files, seed and N give the same sample on every machine and JDK.
 */
public final class FileSampler {
    private FileSampler() {}

    public static List<Path> sample(List<Path> files, int limit, long seed) {
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0");
        List<Path> pool = new ArrayList<>(files);
        pool.sort(BY_NAME);
        if (limit >= pool.size()) return pool;
        Random random = new Random(seed);
        for (int i = 0; i < limit; i++) {
            int j = i + random.nextInt(pool.size() - i);
            Path chosen = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, chosen);
        }
        List<Path> sample = new ArrayList<>(pool.subList(0, limit));
        sample.sort(BY_NAME);
        return sample;
    }

    /** Full path text, as the python tool sorts its glob results. */
    static final Comparator<Path> BY_NAME = Comparator.comparing(Path::toString);
}
