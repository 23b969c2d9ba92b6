package dev.schemagate.gateway.http;

import dev.schemagate.gateway.tools.ToolCallFormat;

/**
 * Streaming with tools: text is sent as content until a tool call's opening tag, which (with what follows)
 * is held back and sent as tool-call deltas once parsed. A tail that may be the start of the tag waits.
 */
public final class ContentFilter {
    private final boolean tools;
    private final StringBuilder pending = new StringBuilder();
    private boolean inCalls;

    public ContentFilter(boolean tools) {
        this.tools = tools;
    }

    /** The content that may be sent now. */
    public String add(String delta) {
        if (!tools) return delta;
        if (inCalls) return "";
        pending.append(delta);
        int tag = pending.indexOf(ToolCallFormat.OPEN);
        if (tag >= 0) {
            inCalls = true;
            String out = pending.substring(0, tag);
            pending.setLength(0);
            return out;
        }
        int keep = heldTail();
        String out = pending.substring(0, pending.length() - keep);
        pending.delete(0, pending.length() - keep);
        return out;
    }

    /** What was held back, once the output ended without a tool call. */
    public String flush() {
        String out = inCalls ? "" : pending.toString();
        pending.setLength(0);
        return out;
    }

    private int heldTail() {
        String open = ToolCallFormat.OPEN;
        for (int k = Math.min(open.length() - 1, pending.length()); k > 0; k--) {
            if (open.startsWith(pending.substring(pending.length() - k))) return k;
        }
        return 0;
    }
}
