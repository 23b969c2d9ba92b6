package dev.schemagate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Entry point of {@code ./schemagate}: 0 success, 1 failure, 2 usage error. */
@Command(name = "schemagate", mixinStandardHelpOptions = true, version = "schemagate 0.1.0",
        description = "Structured-output engine: generation on the CPU, benchmarks and conformance runs.",
        subcommands = {ServeCommand.class, GenerateCommand.class, BenchServeCommand.class, BenchGenerateCommand.class, BenchAgentCommand.class, BenchDecodeCommand.class, MaskBenchCommand.class, TestSuiteCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::onException);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** Bad input and I/O problems get one line; anything else is a bug and keeps its stack trace. */
    private static int onException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof UsageException) {
            cmd.getErr().println("error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            cmd.getErr().println("error: " + e.getMessage());
        } else {
            e.printStackTrace(cmd.getErr());
        }
        return CommandLine.ExitCode.SOFTWARE;
    }
}
