package dev.schemagate.gateway.api;

/**
 * How tools may be used: not at all, at the model's choice, or required (any tool, or the one named).
 *
 * @param function the forced function's name under {@link Mode#REQUIRED}, or null for any tool
 */
public record ToolChoice(Mode mode, String function) {
    public enum Mode { NONE, AUTO, REQUIRED }

    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
}
