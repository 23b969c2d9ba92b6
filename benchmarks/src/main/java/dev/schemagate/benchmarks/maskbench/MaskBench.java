package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs MaskBench files one at a time on a worker thread (the measuring thread), gives each file a wall-clock
 * limit, and writes the summary and per-schema lines with the python tool's keys.
 */
public final class MaskBench {
    private static final int PROGRESS_EVERY = 100;
    private static final ObjectWriter SUMMARY = new ObjectMapper().writerWithDefaultPrettyPrinter();
    private static final ObjectWriter LINE = new ObjectMapper().writer();

    private final Supplier<FileRunner> runners;
    private final double timeoutSeconds;
    private final PrintStream progress;

    /**
     * {@code runners} gives each worker thread its own runner (and mask): a timed-out file whose thread ignores
     * the interrupt may still be running, and must not write into the next file's mask.
     */
    public MaskBench(Supplier<FileRunner> runners, double timeoutSeconds, PrintStream progress) {
        if (!(timeoutSeconds > 0)) throw new IllegalArgumentException("timeout must be > 0 seconds");
        this.runners = runners;
        this.timeoutSeconds = timeoutSeconds;
        this.progress = progress;
    }

    /** Each path is a {@code .json} file or a folder whose {@code *.json} files are taken in name order. */
    public static List<Path> collectFiles(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                            .sorted(FileSampler.BY_NAME)
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".json")) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("not a .json file or a folder: " + path);
            }
        }
        return files;
    }

    /**
     * Runs the files in order. With {@code out} set, writes the JSON summary there and one line per file to
     * {@code out + ".per-schema.jsonl"}.
     */
    public MaskBenchSummary run(List<Path> files, Path out) throws IOException, InterruptedException {
        MaskBenchTally tally = new MaskBenchTally();
        BufferedWriter perSchema = out == null ? null : Files.newBufferedWriter(perSchemaPath(out));
        Worker worker = newWorker();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                Future<FileResult> pending = worker.submit(file);
                FileResult result;
                try {
                    result = pending.get(Math.round(timeoutSeconds * 1e9), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // A compile that ignores the interrupt keeps its thread; the next file gets a fresh one.
                    pending.cancel(true);
                    worker.stop();
                    worker = newWorker();
                    result = FileResult.notRun(name(file), FileStatus.TIMEOUT, 0, "over " + seconds() + "s");
                } catch (ExecutionException e) {
                    worker.stop();
                    worker = newWorker();
                    result = FileResult.notRun(name(file), FileStatus.CRASH, 0, FileResult.describe(e.getCause()));
                }
                tally.add(result);
                if (perSchema != null) {
                    perSchema.write(LINE.writeValueAsString(result.toJson()));
                    perSchema.newLine();
                    perSchema.flush();
                }
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    progress.printf("[%d/%d] %.0fs %s%n", i + 1, files.size(), (System.nanoTime() - started) / 1e9,
                            tally.progress());
                }
            }
        } finally {
            worker.stop();
            if (perSchema != null) perSchema.close();
        }
        MaskBenchSummary summary = tally.summary();
        if (out != null) SUMMARY.writeValue(out.toFile(), summary.toJson());
        return summary;
    }

    public static Path perSchemaPath(Path out) {
        return out.resolveSibling(out.getFileName() + ".per-schema.jsonl");
    }

    private String seconds() {
        return new BigDecimal(Double.toString(timeoutSeconds)).stripTrailingZeros().toPlainString();
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private Worker newWorker() {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "maskbench-worker");
            t.setDaemon(true);
            return t;
        });
        return new Worker(thread, runners.get());
    }

    /** The measuring thread and its own runner. */
    private record Worker(ExecutorService thread, FileRunner runner) {
        Future<FileResult> submit(Path file) {
            return thread.submit(() -> runner.run(file));
        }

        void stop() {
            thread.shutdownNow();
        }
    }
}
