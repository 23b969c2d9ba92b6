package dev.schemagate.gateway.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * MCP over a child process's stdin/stdout, one JSON-RPC message per line. The SDK's own stdio transport hides its
 * process, so it can neither report the server's exit to a waiting call nor end the process tree; this one keeps
 * the process, its exit code and the tail of its stderr, and shuts it down the way the MCP spec asks (close stdin,
 * then SIGTERM, then SIGKILL), children included.
 */
final class StdioProcessTransport implements McpClientTransport {
    private static final int STDERR_LINES_KEPT = 20;
    private static final long GRACE_MS = 1000;

    private final McpServerTarget.Stdio target;
    private final McpJsonMapper json;
    private final Process process;
    private final OutputStream stdin;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<Integer> exitCode;
    private final Thread stderrReader;

    private StdioProcessTransport(McpServerTarget.Stdio target, McpJsonMapper json, Process process) {
        this.target = target;
        this.json = json;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.exitCode = process.onExit().thenApply(Process::exitValue);
        this.stderrReader = daemon("stderr", () -> readLines(process.getErrorStream(), this::keepStderr));
    }

    /** Starts the server process; messages flow once the client session calls {@link #connect}. */
    static StdioProcessTransport start(McpServerTarget.Stdio target, McpJsonMapper json) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(target.command());
        builder.environment().putAll(target.env());
        return new StdioProcessTransport(target, json, builder.start());
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> daemon("stdout", () -> readLines(process.getInputStream(), line -> dispatch(line, handler))));
    }

    private void dispatch(String line, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        if (line.isBlank()) return;
        JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException | RuntimeException e) {
            // A server that prints stray text to stdout breaks no session; the line is kept for error messages.
            keepStderr("(not a JSON-RPC message on stdout) " + line);
            return;
        }
        handler.apply(Mono.just(message)).subscribe(ignored -> {}, error -> keepStderr("(message handler failed) " + error));
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            try {
                byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                synchronized (stdin) {
                    stdin.write(line);
                    stdin.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to MCP server '" + target.label() + "' (" + exitDescription() + ")", e);
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.<Void>fromRunnable(this::terminate).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }

    /** Completes with the exit code when the server process ends. */
    CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    /** Waits up to {@code limit} for the process to end; true when it has. */
    boolean awaitExit(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** Why the process is gone ("exited with code 1: last stderr lines"), or that it still runs. */
    String exitDescription() {
        if (process.isAlive()) return "still running";
        try {
            // The last words (a traceback, "config not found") may still sit in the pipe when the exit is seen.
            stderrReader.join(Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String tail;
        synchronized (stderrTail) {
            tail = String.join(" | ", stderrTail.stream().skip(Math.max(0, stderrTail.size() - 3)).toList());
        }
        String exit = "exited with code " + process.exitValue();
        return tail.isEmpty() ? exit : exit + ": " + abbreviate(tail, 400);
    }

    /** Ends the server and everything it started; idempotent, returns once they are gone (or after ~3 s). */
    void terminate() {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            stdin.close();
        } catch (IOException ignored) {
            // The process already closed its end; signals follow anyway.
        }
        if (!waitFor(process.toHandle())) process.destroy();
        if (!waitFor(process.toHandle())) process.destroyForcibly();
        for (ProcessHandle child : children) {
            child.destroy();
            if (!waitFor(child)) child.destroyForcibly();
        }
    }

    private static boolean waitFor(ProcessHandle handle) {
        try {
            handle.onExit().get(GRACE_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }

    private void keepStderr(String line) {
        synchronized (stderrTail) {
            if (stderrTail.size() == STDERR_LINES_KEPT) stderrTail.removeFirst();
            stderrTail.addLast(abbreviate(line.strip(), 300));
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static void readLines(InputStream stream, Consumer<String> consumer) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) consumer.accept(line);
        } catch (IOException ignored) {
            // The pipe closed with the process; its exit is reported through exitCode().
        }
    }

    private Thread daemon(String stream, Runnable body) {
        return Thread.ofPlatform().daemon().name("mcp-" + target.label() + "-" + stream).start(body);
    }
}
