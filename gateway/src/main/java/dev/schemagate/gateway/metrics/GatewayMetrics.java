package dev.schemagate.gateway.metrics;

import dev.schemagate.gateway.engine.EngineObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** The server's metrics in a Prometheus registry, scraped at {@code /metrics}. */
public final class GatewayMetrics implements EngineObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchRows;
    private final DistributionSummary decodeRows;
    private final Timer forward;
    private final Timer maskWait;
    private final Timer mask;
    private final Timer ttft;
    private final Timer tpot;
    private final Timer compile;
    private final Counter promptTokens;
    private final Counter cachedTokens;
    private final Counter validationFailures;
    private final Counter completionTokens;

    public GatewayMetrics() {
        batchRows = DistributionSummary.builder("schemagate_batch_rows").description("rows per forward pass").register(registry);
        decodeRows = DistributionSummary.builder("schemagate_batch_sequences").description("decoding sequences per forward pass").register(registry);
        forward = Timer.builder("schemagate_forward").description("forward pass time").publishPercentiles(0.5, 0.99).register(registry);
        maskWait = Timer.builder("schemagate_mask_wait").description("time the scheduler waited for masks after a forward pass").register(registry);
        mask = Timer.builder("schemagate_mask").description("token mask time per sequence per token").publishPercentiles(0.5, 0.99).register(registry);
        ttft = Timer.builder("schemagate_time_to_first_token").publishPercentiles(0.5, 0.99).register(registry);
        tpot = Timer.builder("schemagate_time_per_output_token").publishPercentiles(0.5, 0.99).register(registry);
        compile = Timer.builder("schemagate_constraint_compile").description("constraint compile time (cache misses)").register(registry);
        promptTokens = Counter.builder("schemagate_prompt_tokens").register(registry);
        cachedTokens = Counter.builder("schemagate_prefix_cache_tokens").description("prompt tokens served by the prefix cache").register(registry);
        completionTokens = Counter.builder("schemagate_completion_tokens").register(registry);
        validationFailures = Counter.builder("schemagate_validation_failures")
                .description("constrained outputs that failed re-validation: a bug, must stay 0").register(registry);
    }

    public void gauges(Supplier<Number> queued, Supplier<Number> running, Supplier<Number> cacheHits, Supplier<Number> cacheMisses) {
        Gauge.builder("schemagate_queue_depth", queued).register(registry);
        Gauge.builder("schemagate_running_sequences", running).register(registry);
        Gauge.builder("schemagate_constraint_cache_hits", cacheHits).register(registry);
        Gauge.builder("schemagate_constraint_cache_misses", cacheMisses).register(registry);
    }

    public void request(String endpoint, int status) {
        registry.counter("schemagate_requests", "endpoint", endpoint, "status", Integer.toString(status)).increment();
    }

    public void finished(long ttftNanos, long decodeNanos, int completion) {
        if (ttftNanos > 0) ttft.record(Duration.ofNanos(ttftNanos));
        if (completion > 1) tpot.record(Duration.ofNanos(decodeNanos / (completion - 1)));
        completionTokens.increment(completion);
    }

    public void compiled(long nanos) {
        compile.record(Duration.ofNanos(nanos));
    }

    public void validationFailure() {
        validationFailures.increment();
    }

    /** An agent's tool call by how it went: ok, error (the tool failed or timed out), rejected (arguments did not validate). */
    public void toolCall(String outcome) {
        registry.counter("schemagate_agent_tool_calls", "outcome", outcome).increment();
    }

    /** A guard that ended an agent run, by its reason (max_tool_calls, repeated_tool_call, ...). */
    public void guardTrip(String reason) {
        registry.counter("schemagate_agent_guard_trips", "reason", reason).increment();
    }

    public double validationFailures() {
        return validationFailures.count();
    }

    @Override
    public void step(int rows, int decoding, long forwardNanos, long maskWaitNanos) {
        batchRows.record(rows);
        decodeRows.record(decoding);
        forward.record(Duration.ofNanos(forwardNanos));
        maskWait.record(Duration.ofNanos(maskWaitNanos));
    }

    @Override
    public void maskFilled(long nanos) {
        mask.record(Duration.ofNanos(nanos));
    }

    @Override
    public void promptStarted(int prompt, int cached) {
        promptTokens.increment(prompt);
        cachedTokens.increment(cached);
    }

    public String scrape() {
        return registry.scrape();
    }
}
