package dev.schemagate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages for bad input; none of these get as far as loading a tokenizer. */
class MainTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertUsageError(Run run, String message) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace expected: " + run.err());
    }

    @Test
    void helpListsTheSubcommands() {
        Run run = run("help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("maskbench") && run.out().contains("test-suite") && run.out().contains("serve"), run.out());
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertUsageError(run(), "missing subcommand");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertUsageError(run("maskbench", "--frobnicate", "x.json"), "--frobnicate");
    }

    @Test
    void maskbenchNeedsAPath() {
        assertUsageError(run("maskbench"), "give MaskBench files or folders, or --grammar FILE --inputs DIR");
    }

    @Test
    void missingPathIsAUsageError(@TempDir Path dir) {
        assertUsageError(run("maskbench", dir.resolve("nope").toString()), "no such file or folder");
    }

    @Test
    void nonJsonFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        assertUsageError(run("maskbench", text.toString()), "not a .json file");
    }

    @Test
    void badNumbersAreUsageErrors(@TempDir Path dir) {
        assertUsageError(run("maskbench", dir.toString(), "--limit", "0"), "--limit");
        assertUsageError(run("maskbench", dir.toString(), "--limit", "ten"), "ten");
        assertUsageError(run("maskbench", dir.toString(), "--timeout-s", "0"), "--timeout-s");
        assertUsageError(run("maskbench", dir.toString(), "--compact", "--max-ws", "2"), "exclude each other");
    }

    @Test
    void emptyFolderIsAUsageError(@TempDir Path dir) {
        assertUsageError(run("maskbench", dir.toString()), "no .json files");
    }

    @Test
    void missingTokenizerIsAUsageError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"schema\": {}, \"tests\": []}");
        assertUsageError(run("maskbench", dir.toString(), "--tokenizer", dir.resolve("tok.json").toString()),
                "no tokenizer at");
        assertUsageError(run("test-suite", "--suite", dir.toString()), "no JSON Schema Test Suite");
    }
}
