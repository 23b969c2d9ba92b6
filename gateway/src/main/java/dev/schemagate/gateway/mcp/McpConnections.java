package dev.schemagate.gateway.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live MCP sessions of the gateway, one per server: HTTP servers keyed by url and headers, stdio servers by
 * label. {@link #connect} hands out the live session or opens a new one when there is none or it died.
 * Thread-safe; connecting to one server does not hold up connections to others.
 */
public final class McpConnections implements AutoCloseable {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final UrlAllowList allowList;
    private final Duration connectTimeout;
    private final Map<Object, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param allowList      every HTTP target is checked against it before any connection attempt
     * @param connectTimeout bounds starting or reaching a server plus the initialize handshake, and each
     *                       {@code tools/list} page
     */
    public McpConnections(UrlAllowList allowList, Duration connectTimeout) {
        this.allowList = allowList;
        this.connectTimeout = connectTimeout;
    }

    /** One session's place in the pool; connecting holds its lock, so concurrent callers share one handshake. */
    private static final class Slot {
        McpConnection connection;
    }

    private record StdioKey(String label) {}

    /**
     * The live session with the target, opened if needed. The pool owns it: do not close it.
     *
     * @throws DisallowedUrlException when an HTTP target's url is not on the allow-list (nothing was connected)
     * @throws McpException           naming the server and the cause when it cannot be started, reached or initialized
     */
    public McpConnection connect(McpServerTarget target) {
        if (target instanceof McpServerTarget.Http http) allowList.check(http.url());
        Object key = switch (target) {
            case McpServerTarget.Http http -> http;
            case McpServerTarget.Stdio stdio -> new StdioKey(stdio.label());
        };
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            if (closed) throw new IllegalStateException("the MCP connections are closed");
            if (slot.connection != null && slot.connection.isAlive()) return slot.connection;
            if (slot.connection != null) slot.connection.close();
            slot.connection = null;
            slot.connection = McpConnection.open(target, connectTimeout);
            return slot.connection;
        }
    }

    /** Ends every session and stdio server process. */
    @Override
    public void close() {
        closed = true;
        for (Slot slot : List.copyOf(slots.values())) {
            synchronized (slot) {
                if (slot.connection != null) slot.connection.close();
                slot.connection = null;
            }
        }
    }
}
