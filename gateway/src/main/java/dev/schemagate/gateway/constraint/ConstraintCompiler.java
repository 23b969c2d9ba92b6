package dev.schemagate.gateway.constraint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.gateway.tools.ToolCallFormat;
import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.GrammarException;
import dev.schemagate.grammar.choice.ChoiceCompiler;
import dev.schemagate.grammar.gbnf.GbnfCompiler;
import dev.schemagate.grammar.lark.LarkCompiler;
import dev.schemagate.grammar.regex.GuidedRegex;
import dev.schemagate.schemas.lark.JsonSchemaTerminals;
import dev.schemagate.schemas.JsonSchemaCompiler;
import dev.schemagate.schemas.JsonSchemaOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a {@link ConstraintSpec} into a {@link CompiledConstraint}: front end to grammar, grammar to mask
 * engine, and the first mask computed, all on compile threads under a time budget. Results are cached by
 * the spec's content, so a repeated schema costs a hash lookup. Callers block: call from a worker thread.
 */
public final class ConstraintCompiler implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MaskEngine engine;
    private final JsonSchemaOptions jsonOptions;
    private final long budgetMillis;
    private final int cacheSize;
    private final Semaphore slots;
    private final ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().name("schemagate-compile-", 0).daemon().factory());
    private final Map<String, CompletableFuture<CompiledConstraint>> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong compileNanos = new AtomicLong();

    /**
     * @param budgetMillis     longest a compilation (with its first mask) may take
     * @param concurrent       compilations at once; beyond, callers wait for a slot within the budget
     */
    public ConstraintCompiler(MaskEngine engine, JsonSchemaOptions jsonOptions, long budgetMillis, int concurrent, int cacheSize) {
        this.engine = engine;
        this.jsonOptions = jsonOptions;
        this.budgetMillis = budgetMillis;
        this.cacheSize = cacheSize;
        this.slots = new Semaphore(concurrent);
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    public long cacheHits() {
        return hits.get();
    }

    public long cacheMisses() {
        return misses.get();
    }

    /** Total time spent compiling (cache misses only). */
    public long compileNanos() {
        return compileNanos.get();
    }

    /** The spec as a grammar; the front ends' errors become {@link ConstraintException}s. */
    public Grammar grammar(ConstraintSpec spec) throws ConstraintException {
        try {
            return switch (spec) {
                case ConstraintSpec.JsonSchema s -> JsonSchemaCompiler.compile(s.schema(), jsonOptions);
                case ConstraintSpec.JsonObject s -> JsonSchemaCompiler.compile(JSON.readTree("{\"type\":\"object\"}"), jsonOptions);
                case ConstraintSpec.Regex s -> GuidedRegex.grammar(s.pattern());
                case ConstraintSpec.Choice s -> ChoiceCompiler.compile(s.options());
                case ConstraintSpec.GrammarText s -> s.syntax().equals("gbnf") ? GbnfCompiler.compile(s.text())
                        : LarkCompiler.compile(s.text(), new JsonSchemaTerminals(jsonOptions));
                case ConstraintSpec.ToolCalls s -> ToolCallFormat.grammar(s.tools(), s.parallel(), s.opened());
                case ConstraintSpec.AnswerOrTools s -> {
                    Grammar answer = grammar(s.answer()).withRulePrefix("answer_");
                    Grammar tools = grammar(s.tools()).withRulePrefix("tools_");
                    yield Grammar.embed("answer_or_tools", new Expr.Alt(List.of(new Expr.Ref(answer.start()), new Expr.Ref(tools.start()))),
                            List.of(answer, tools));
                }
            };
        } catch (GrammarException e) {
            throw new ConstraintException(e.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The compiled constraint, from the cache or compiled now.
     *
     * @throws ConstraintException when the spec is invalid, unsupported, or over the time budget
     */
    public CompiledConstraint compile(ConstraintSpec spec) throws ConstraintException {
        String key = key(spec);
        CompletableFuture<CompiledConstraint> mine = new CompletableFuture<>();
        CompletableFuture<CompiledConstraint> existing;
        synchronized (cache) {
            existing = cache.putIfAbsent(key, mine);
            if (existing == null && cache.size() > cacheSize) {
                String eldest = cache.keySet().iterator().next();
                cache.remove(eldest);
            }
        }
        if (existing != null) {
            hits.incrementAndGet();
            return await(existing, key);
        }
        misses.incrementAndGet();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        try {
            if (!slots.tryAcquire(budgetMillis, TimeUnit.MILLISECONDS)) {
                throw new ConstraintException("too many constraints are compiling at once; retry later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConstraintException("interrupted");
        }
        long t0 = System.nanoTime();
        Future<CompiledConstraint> task = threads.submit(() -> {
            CompiledConstraint compiled = engine.compile(grammar(spec));
            compiled.matcher().fillMask(new long[engine.maskWords()]);
            return compiled;
        });
        try {
            CompiledConstraint compiled = task.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            mine.complete(compiled);
            return compiled;
        } catch (TimeoutException e) {
            task.cancel(true);
            ConstraintException failure = new ConstraintException("the constraint took longer than " + budgetMillis + " ms to compile; simplify it");
            forget(key, mine, failure);
            throw failure;
        } catch (ExecutionException e) {
            ConstraintException failure = e.getCause() instanceof ConstraintException c ? c
                    : new ConstraintException(e.getCause() instanceof GrammarException g ? g.getMessage() : "the constraint cannot be compiled: " + e.getCause(), e.getCause());
            forget(key, mine, failure);
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            ConstraintException failure = new ConstraintException("interrupted");
            forget(key, mine, failure);
            throw failure;
        } finally {
            compileNanos.addAndGet(System.nanoTime() - t0);
            slots.release();
        }
    }

    private CompiledConstraint await(CompletableFuture<CompiledConstraint> future, String key) throws ConstraintException {
        try {
            return future.get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ConstraintException c ? c : new ConstraintException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new ConstraintException("the constraint took longer than " + budgetMillis + " ms to compile; simplify it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConstraintException("interrupted");
        }
    }

    /** Failures are not cached: a budget miss under load may pass later. Waiters get the same error. */
    private void forget(String key, CompletableFuture<CompiledConstraint> mine, ConstraintException failure) {
        synchronized (cache) {
            cache.remove(key, mine);
        }
        mine.completeExceptionally(failure);
    }

    private static String key(ConstraintSpec spec) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((spec.getClass().getSimpleName() + JSON.writeValueAsString(spec)).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
