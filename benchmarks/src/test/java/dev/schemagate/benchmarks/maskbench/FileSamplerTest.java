package dev.schemagate.benchmarks.maskbench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSamplerTest {

    private static List<Path> files(int n) {
        List<Path> files = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) files.add(Path.of("data", String.format("f%04d.json", i)));
        return files;
    }

    @Test
    void sameSeedGivesTheSameSampleRegardlessOfInputOrder() {
        List<Path> reversed = files(500);
        List<Path> ordered = new ArrayList<>(reversed);
        ordered.sort(null);
        assertEquals(FileSampler.sample(reversed, 50, 1), FileSampler.sample(ordered, 50, 1));
    }

    @Test
    void sampleIsADistinctSubsetInNameOrder() {
        List<Path> all = files(500);
        List<Path> sample = FileSampler.sample(all, 50, 7);
        assertEquals(50, sample.size());
        assertEquals(50, new HashSet<>(sample).size());
        assertTrue(all.containsAll(sample));
        List<Path> sorted = new ArrayList<>(sample);
        sorted.sort(null);
        assertEquals(sorted, sample);
    }

    @Test
    void differentSeedsGiveDifferentSamples() {
        assertNotEquals(FileSampler.sample(files(500), 50, 1), FileSampler.sample(files(500), 50, 2));
    }

    @Test
    void sampleIsNotJustTheFirstFiles() {
        List<Path> sample = FileSampler.sample(files(500), 50, 1);
        assertTrue(sample.getLast().compareTo(Path.of("data", "f0100.json")) > 0);
    }

    @Test
    void limitAtOrAboveTheCountTakesEverythingSorted() {
        List<Path> all = files(20);
        List<Path> sorted = new ArrayList<>(all);
        sorted.sort(null);
        assertEquals(sorted, FileSampler.sample(all, 20, 3));
        assertEquals(sorted, FileSampler.sample(all, 1000, 3));
    }

    @Test
    void everyFileCanBeDrawn() {
        // Over many seeds a sample of 1 out of 10 should hit each of the 10 files.
        HashSet<Path> drawn = new HashSet<>();
        for (long seed = 0; seed < 500; seed++) drawn.addAll(FileSampler.sample(files(10), 1, seed));
        assertEquals(10, drawn.size());
    }
}
