package dev.schemagate.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.decoder.Model;
import dev.schemagate.decoder.chat.ChatMessage;
import dev.schemagate.decoder.chat.ChatTemplate;
import dev.schemagate.decoder.chat.ChatTemplateException;
import dev.schemagate.decoder.generate.MatcherConstraint;
import dev.schemagate.decoder.generate.TokenConstraint;
import dev.schemagate.decoder.sampling.SamplingParams;
import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.gateway.api.ApiException;
import dev.schemagate.gateway.api.GenerationJob;
import dev.schemagate.gateway.api.SamplingOptions;
import dev.schemagate.gateway.api.ToolChoice;
import dev.schemagate.gateway.constraint.ConstraintCompiler;
import dev.schemagate.gateway.constraint.ConstraintException;
import dev.schemagate.gateway.constraint.ConstraintSpec;
import dev.schemagate.gateway.engine.QueueFullException;
import dev.schemagate.gateway.engine.Scheduler;
import dev.schemagate.gateway.engine.SequenceHandle;
import dev.schemagate.gateway.engine.SequenceRequest;
import dev.schemagate.gateway.metrics.GatewayMetrics;
import dev.schemagate.gateway.tools.ToolCallFormat;
import dev.schemagate.gateway.tools.ToolSpec;
import dev.schemagate.gateway.tools.TriggerMasks;
import dev.schemagate.gateway.tools.TriggeredConstraint;
import dev.schemagate.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Between the HTTP handlers and the scheduler: renders and tokenizes prompts, compiles constraints, submits
 * choices, and re-validates finished outputs. {@link #prepare} blocks (compilation): call it off the event loop.
 */
public final class GenerationService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Model model;
    private final String modelId;
    private final Scheduler scheduler;
    private final ConstraintCompiler compiler;
    private final GatewayMetrics metrics;
    private final long requestTimeoutNanos;
    private final OutputValidator validator = new OutputValidator();
    private volatile TriggerMasks toolTrigger;

    public GenerationService(Model model, String modelId, Scheduler scheduler, ConstraintCompiler compiler, GatewayMetrics metrics,
                             long requestTimeoutMillis) {
        this.model = model;
        this.modelId = modelId;
        this.scheduler = scheduler;
        this.compiler = compiler;
        this.metrics = metrics;
        this.requestTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(requestTimeoutMillis);
    }

    public String modelId() {
        return modelId;
    }

    /** Renders, tokenizes and compiles; throws {@link ApiException} (4xx) for anything the client must fix. */
    public PreparedJob prepare(GenerationJob job) {
        return prepare(job, false);
    }

    /**
     * As {@link #prepare(GenerationJob)}; with {@code fitToContext} a {@code maxTokens} larger than what the context
     * leaves after the prompt is lowered to it instead of refused (an agent's budget spans several rounds).
     */
    public PreparedJob prepare(GenerationJob job, boolean fitToContext) {
        if (!job.model().equals(modelId)) {
            throw ApiException.invalid("model", "model_not_found",
                    "the model '" + job.model() + "' does not exist; this server serves '" + modelId + "' (GET /v1/models)");
        }
        int[] prompt = job.chat() ? chatPrompt(job) : rawPrompt(job.prompt());
        int context = scheduler.contextLength();
        if (prompt.length >= context) {
            throw ApiException.invalid("messages", "context_length_exceeded",
                    "the prompt has " + prompt.length + " tokens; this model's context holds " + context);
        }
        Integer asked = job.sampling().maxTokens();
        if (fitToContext && asked != null) asked = Math.min(asked, context - prompt.length);
        if (asked != null && prompt.length + asked > context) {
            throw ApiException.invalid("max_tokens", "context_length_exceeded", "the prompt (" + prompt.length + " tokens) plus max_tokens ("
                    + asked + ") exceed this model's context of " + context + " tokens");
        }
        int maxTokens = asked != null ? asked : context - prompt.length;

        boolean wholeOutputConstrained = job.constraint() != null || (job.toolsActive() && job.toolChoice().mode() == ToolChoice.Mode.REQUIRED);
        if (wholeOutputConstrained && !job.sampling().stop().isEmpty()) {
            // A stop string would end the output wherever it appears, complete or not, and the answer would not validate.
            throw ApiException.invalid("stop", "'stop' cannot be combined with a constrained output: it would cut the output before the "
                    + "constraint is complete; the constraint itself ends the output");
        }
        ConstraintSpec validateAs = job.constraint();
        Supplier<TokenConstraint> constraints = null;
        try {
            if (job.toolsActive()) {
                List<ToolSpec> offered = job.toolChoice().function() == null ? job.tools()
                        : job.tools().stream().filter(t -> t.name().equals(job.toolChoice().function())).toList();
                boolean parallel = job.parallelToolCalls() && job.toolChoice().function() == null;
                if (job.toolChoice().mode() == ToolChoice.Mode.REQUIRED) {
                    validateAs = new ConstraintSpec.ToolCalls(offered, parallel, false);
                    constraints = matchers(compile(validateAs));
                } else if (job.constraint() != null) {
                    validateAs = new ConstraintSpec.AnswerOrTools(job.constraint(), new ConstraintSpec.ToolCalls(offered, parallel, false));
                    constraints = matchers(compile(validateAs));
                } else {
                    CompiledConstraint afterTag = compile(new ConstraintSpec.ToolCalls(offered, parallel, true));
                    TriggerMasks trigger = trigger();
                    validateAs = null;
                    constraints = () -> new TriggeredConstraint(trigger, model.tokenizer().vocabulary(), afterTag.matcher());
                }
            } else if (job.constraint() != null) {
                constraints = matchers(compile(job.constraint()));
            }
        } catch (ConstraintException e) {
            throw ApiException.invalid(constraintParam(job), "invalid_constraint", e.getMessage());
        }
        return new PreparedJob(job, prompt, maxTokens, validateAs, constraints);
    }

    /**
     * Submits every choice of the job; events reach {@code sink} through {@code requestThread}.
     *
     * @throws QueueFullException when the queue cannot take them all (those already queued are cancelled)
     */
    public List<SequenceHandle> submit(PreparedJob job, Executor requestThread, ChoiceSink sink) throws QueueFullException {
        List<SequenceHandle> handles = new ArrayList<>();
        SamplingOptions s = job.job().sampling();
        long deadline = System.nanoTime() + requestTimeoutNanos;
        long baseSeed = s.seed() != null ? s.seed() : ThreadLocalRandom.current().nextLong();
        for (int i = 0; i < s.n(); i++) {
            SamplingParams params = new SamplingParams((float) s.temperature(), s.topK(), (float) s.topP(), (float) s.minP(), baseSeed + i);
            TokenConstraint constraint = job.constraints() == null ? null : job.constraints().get();
            SequenceRequest request = new SequenceRequest(job.prompt(), job.maxTokens(), params, s.stop(), constraint, s.topLogprobs(),
                    deadline, new ChoiceRun(i, job, requestThread, sink, this));
            try {
                handles.add(scheduler.submit(request));
            } catch (QueueFullException e) {
                handles.forEach(SequenceHandle::cancel);
                throw e;
            }
        }
        return handles;
    }

    /** Re-validation of a finished output (counted as a failure metric when it fails). */
    List<String> validate(PreparedJob job, String text, List<ToolCallFormat.ParsedCall> calls) {
        List<String> problems;
        if (job.validateAs() != null) problems = validator.check(job.validateAs(), text, calls);
        else if (job.job().toolsActive() && !calls.isEmpty()) problems = validator.toolCalls(job.job().tools(), calls, false);
        else problems = List.of();
        if (!problems.isEmpty()) {
            metrics.validationFailure();
            System.err.println("schemagate: constrained output failed validation: " + problems + " output: " + text);
        }
        return problems;
    }

    private Supplier<TokenConstraint> matchers(CompiledConstraint compiled) {
        return () -> new MatcherConstraint(compiled.matcher());
    }

    private CompiledConstraint compile(ConstraintSpec spec) throws ConstraintException {
        long t0 = System.nanoTime();
        long misses = compiler.cacheMisses();
        CompiledConstraint compiled = compiler.compile(spec);
        if (compiler.cacheMisses() != misses) metrics.compiled(System.nanoTime() - t0);
        return compiled;
    }

    private TriggerMasks trigger() {
        TriggerMasks t = toolTrigger;
        if (t == null) {
            synchronized (this) {
                if (toolTrigger == null) {
                    int words = (model.config().vocabSize() + 63) >>> 6;
                    toolTrigger = new TriggerMasks(model.tokenizer().vocabulary(), ToolCallFormat.OPEN, words);
                }
                t = toolTrigger;
            }
        }
        return t;
    }

    private static String constraintParam(GenerationJob job) {
        return job.constraintParam() != null ? job.constraintParam() : "tools";
    }

    private int[] rawPrompt(String text) {
        Tokenizer tokenizer = model.tokenizer();
        int[] ids = tokenizer.encode(text);
        if (tokenizer.addBos() && tokenizer.bos().isPresent() && (ids.length == 0 || ids[0] != tokenizer.bos().getAsInt())) {
            int[] withBos = new int[ids.length + 1];
            withBos[0] = tokenizer.bos().getAsInt();
            System.arraycopy(ids, 0, withBos, 1, ids.length);
            return withBos;
        }
        return ids;
    }

    private int[] chatPrompt(GenerationJob job) {
        ChatTemplate template = model.chatTemplate().orElseThrow(() -> ApiException.invalid("messages",
                "this model has no chat template; use /v1/completions with a prompt"));
        List<ChatMessage> messages = new ArrayList<>(job.messages());
        List<Map<String, Object>> tools = null;
        if (job.toolsActive()) {
            if (template.readsTools()) {
                tools = new ArrayList<>();
                for (ToolSpec tool : job.tools()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = JSON.convertValue(ToolCallFormat.templateTool(tool), Map.class);
                    tools.add(map);
                }
            } else {
                String toolPrompt = ToolCallFormat.systemPrompt(job.tools());
                if (!messages.isEmpty() && messages.getFirst().role().equals("system")) {
                    messages.set(0, new ChatMessage("system", messages.getFirst().content() + "\n\n" + toolPrompt));
                } else {
                    messages.addFirst(new ChatMessage("system", toolPrompt));
                }
            }
        }
        try {
            return model.tokenizer().encode(template.render(messages, true, tools));
        } catch (ChatTemplateException e) {
            throw ApiException.invalid("messages", "the chat template could not render these messages: " + e.getMessage());
        }
    }
}
