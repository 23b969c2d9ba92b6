package dev.schemagate.gateway.agent;

import java.util.Set;

/**
 * An {@code mcp} tool's {@code require_approval}: {@code "always"}, {@code "never"}, or per-tool lists
 * ({@code {"always": {"tool_names": [...]}, "never": {"tool_names": [...]}}}) over a default of always.
 */
public record ApprovalPolicy(boolean byDefault, Set<String> always, Set<String> never) {
    public static final ApprovalPolicy ALWAYS = new ApprovalPolicy(true, Set.of(), Set.of());
    public static final ApprovalPolicy NEVER = new ApprovalPolicy(false, Set.of(), Set.of());

    public ApprovalPolicy {
        always = Set.copyOf(always);
        never = Set.copyOf(never);
    }

    public boolean required(String tool) {
        if (always.contains(tool)) return true;
        if (never.contains(tool)) return false;
        return byDefault;
    }
}
