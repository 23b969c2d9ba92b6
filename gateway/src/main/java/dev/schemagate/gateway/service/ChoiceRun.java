package dev.schemagate.gateway.service;

import dev.schemagate.gateway.engine.GeneratedToken;
import dev.schemagate.gateway.engine.SequenceEnd;
import dev.schemagate.gateway.engine.SequenceListener;
import dev.schemagate.gateway.engine.SequenceOutcome;
import dev.schemagate.gateway.tools.ToolCallFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

/** One choice's listener: moves the scheduler's events onto the request's thread and builds the result there. */
final class ChoiceRun implements SequenceListener {
    private final int index;
    private final PreparedJob job;
    private final Executor requestThread;
    private final ChoiceSink sink;
    private final GenerationService service;
    private final List<GeneratedToken> tokens = new ArrayList<>();

    ChoiceRun(int index, PreparedJob job, Executor requestThread, ChoiceSink sink, GenerationService service) {
        this.index = index;
        this.job = job;
        this.requestThread = requestThread;
        this.sink = sink;
        this.service = service;
    }

    @Override
    public void onToken(GeneratedToken token) {
        requestThread.execute(() -> {
            if (token.token() >= 0 && job.job().sampling().topLogprobs() >= 0) tokens.add(token);
            sink.onToken(index, token);
        });
    }

    @Override
    public void onFinish(SequenceOutcome outcome) {
        // Parsing and validating can take a moment: done here, on the scheduler's side, never on the event loop.
        ChoiceResult result = result(outcome);
        requestThread.execute(() -> sink.onFinish(withTokens(result)));
    }

    private ChoiceResult withTokens(ChoiceResult r) {
        return new ChoiceResult(r.index(), r.text(), r.content(), r.calls(), r.callIds(), r.finishReason(), r.error(), r.timedOut(),
                List.copyOf(tokens), r.outcome(), r.validationProblems());
    }

    private ChoiceResult result(SequenceOutcome outcome) {
        String text = outcome.text();
        List<ToolCallFormat.ParsedCall> calls = List.of();
        String content = text;
        if (job.job().toolsActive()) {
            ToolCallFormat.ParsedOutput parsed = ToolCallFormat.parse(text);
            calls = parsed.calls();
            content = parsed.content().isEmpty() && !calls.isEmpty() ? null : parsed.content();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) ids.add("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        String finish = switch (outcome.end()) {
            case STOP -> calls.isEmpty() ? "stop" : "tool_calls";
            case LENGTH -> "length";
            default -> null;
        };
        String error = switch (outcome.end()) {
            case TIMEOUT -> "the request exceeded the server's time limit";
            case FAILED -> outcome.error();
            case CANCELLED -> "cancelled";
            default -> null;
        };
        List<String> problems = outcome.end() == SequenceEnd.STOP ? service.validate(job, text, calls) : List.of();
        return new ChoiceResult(index, text, content, calls, ids, finish, error, outcome.end() == SequenceEnd.TIMEOUT, List.of(),
                outcome, problems);
    }
}
