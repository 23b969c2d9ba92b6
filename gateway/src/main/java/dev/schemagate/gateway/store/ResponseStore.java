package dev.schemagate.gateway.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Stored Responses-API responses and their input items in an H2 file database under the data directory.
 * Every write is durable when it returns. An H2 commit alone is not: MVStore leaves it in memory for the background
 * writer (up to WRITE_DELAY, 500 ms) and never forces the file. So each write transaction is followed by
 * CHECKPOINT SYNC, which writes the pending MVStore chunk and forces the file to the device.
 * Safe for concurrent callers; every method blocks.
 */
public final class ResponseStore implements AutoCloseable {
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;
    private static final int SCHEMA_VERSION = 1;
    private static final int MAX_CONNECTIONS = 16;
    private static final String DATABASE_NAME = "responses";

    // whatever put serialized must parse back: lift Jackson's default read limits on name, string and number length
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build());

    private final Path dataDir;
    private final long maxResponseBytes;
    private final DirectoryLock lock;
    private final JdbcConnectionPool pool;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ResponseStore(Path dataDir, long maxResponseBytes, DirectoryLock lock, JdbcConnectionPool pool) {
        this.dataDir = dataDir;
        this.maxResponseBytes = maxResponseBytes;
        this.lock = lock;
        this.pool = pool;
    }

    public static ResponseStore open(Path dataDir) {
        return open(dataDir, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * Opens the store in {@code dataDir}, creating the directory and the database on first start.
     *
     * @param maxResponseBytes the largest serialized response plus input items {@link #put} accepts
     */
    public static ResponseStore open(Path dataDir, long maxResponseBytes) {
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, got " + maxResponseBytes);
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        prepareDirectory(dir);
        DirectoryLock lock = DirectoryLock.acquire(dir.resolve(DATABASE_NAME + ".lock"));
        // the database lives until close() shuts it down, not until the pool's last idle connection or a JVM hook
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
                "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        ResponseStore store = new ResponseStore(dir, maxResponseBytes, lock, pool);
        try {
            store.createOrCheckSchema();
            return store;
        } catch (RuntimeException e) {
            try {
                store.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static void prepareDirectory(Path dir) {
        if (dir.toString().contains(";")) {
            throw new StoreException("the data directory " + dir + " contains ';', which the H2 database URL cannot hold");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + ": " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("the data directory " + dir + " is not writable");
        }
    }

    private void createOrCheckSchema() {
        run("opening the database in " + dataDir, true, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
                Integer found = null;
                try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                    rs.next();
                    int version = rs.getInt(1);
                    found = rs.wasNull() ? null : version;
                }
                if (found != null && found != SCHEMA_VERSION) {
                    throw new StoreException("the response store in " + dataDir + " has schema version " + found
                            + "; this build reads version " + SCHEMA_VERSION);
                }
                s.execute("""
                        CREATE TABLE IF NOT EXISTS responses (
                          id VARCHAR PRIMARY KEY,
                          previous_response_id VARCHAR,
                          created_at BIGINT NOT NULL,
                          body VARBINARY NOT NULL)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS input_items (
                          response_id VARCHAR NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
                          item_index INT NOT NULL,
                          item_id VARCHAR NOT NULL,
                          body VARBINARY NOT NULL,
                          PRIMARY KEY (response_id, item_index),
                          UNIQUE (response_id, item_id))""");
                if (found == null) {
                    s.execute("INSERT INTO schema_version VALUES (" + SCHEMA_VERSION + ")");
                }
            }
            return null;
        });
    }

    /** Inserts {@code r}, or replaces the response stored under its id together with all its input items. */
    public void put(StoredResponse r) {
        byte[] body = toJson(r.response(), r.id());
        long total = body.length;
        List<String> itemIds = new ArrayList<>();
        List<byte[]> itemBodies = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : r.inputItems()) {
            JsonNode itemId = item.path("id");
            if (!item.isObject() || !itemId.isTextual()) {
                throw new IllegalArgumentException("input item " + itemIds.size() + " of response " + r.id()
                        + " is not an object with a string id");
            }
            if (!seen.add(itemId.textValue())) {
                throw new IllegalArgumentException("response " + r.id() + " has two input items with id " + itemId.textValue());
            }
            byte[] itemBody = toJson(item, r.id());
            total += itemBody.length;
            itemIds.add(itemId.textValue());
            itemBodies.add(itemBody);
        }
        if (total > maxResponseBytes) {
            throw new StoreException("response " + r.id() + " is " + total + " bytes of JSON with its input items,"
                    + " over the store's limit of " + maxResponseBytes + " bytes");
        }
        run("storing response " + r.id(), true, c -> {
            try (PreparedStatement p = c.prepareStatement("MERGE INTO responses KEY (id) VALUES (?, ?, ?, ?)")) {
                p.setString(1, r.id());
                p.setString(2, r.previousResponseId());
                p.setLong(3, r.createdAt());
                p.setBytes(4, body);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM input_items WHERE response_id = ?")) {
                p.setString(1, r.id());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO input_items VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < itemIds.size(); i++) {
                    p.setString(1, r.id());
                    p.setInt(2, i);
                    p.setString(3, itemIds.get(i));
                    p.setBytes(4, itemBodies.get(i));
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    public Optional<StoredResponse> get(String id) {
        return run("reading response " + id, false, c -> load(c, id));
    }

    /** Deletes a response and its input items; false if there was none. */
    public boolean delete(String id) {
        return run("deleting response " + id, true, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM responses WHERE id = ?")) {
                p.setString(1, id);
                return p.executeUpdate() > 0;
            }
        });
    }

    /**
     * The conversation ending at {@code id}, oldest first, following previousResponseId. It starts after the
     * first missing link (a deleted ancestor) and stops at a repeated id; empty if {@code id} itself is missing.
     */
    public List<StoredResponse> chain(String id) {
        return run("reading the conversation of " + id, false, c -> {
            List<StoredResponse> newestFirst = new ArrayList<>();
            Set<String> visited = new HashSet<>();
            String next = id;
            while (next != null && visited.add(next)) {
                Optional<StoredResponse> found = load(c, next);
                if (found.isEmpty()) {
                    break;
                }
                newestFirst.add(found.get());
                next = found.get().previousResponseId();
            }
            return newestFirst.reversed();
        });
    }

    /**
     * A page of the input items of response {@code id}: up to {@code limit} items after the item with id
     * {@code after} (from the start of the chosen order when null). Empty if there is no such response.
     *
     * @throws IllegalArgumentException if {@code after} names no input item of that response
     */
    public Optional<ItemPage> inputItems(String id, String after, int limit, boolean ascending) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return run("reading the input items of " + id, false, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM responses WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            int from = after == null ? (ascending ? -1 : Integer.MAX_VALUE) : itemIndex(c, id, after);
            String sql = ascending
                    ? "SELECT body FROM input_items WHERE response_id = ? AND item_index > ? ORDER BY item_index LIMIT ?"
                    : "SELECT body FROM input_items WHERE response_id = ? AND item_index < ? ORDER BY item_index DESC LIMIT ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, id);
                p.setInt(2, from);
                p.setLong(3, limit + 1L);
                try (ResultSet rs = p.executeQuery()) {
                    ArrayNode data = JSON.createArrayNode();
                    while (rs.next()) {
                        if (data.size() == limit) {
                            return Optional.of(new ItemPage(data, true));
                        }
                        data.add(parse(rs.getBytes(1), id));
                    }
                    return Optional.of(new ItemPage(data, false));
                }
            }
        });
    }

    private static int itemIndex(Connection c, String responseId, String itemId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT item_index FROM input_items WHERE response_id = ? AND item_id = ?")) {
            p.setString(1, responseId);
            p.setString(2, itemId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("response " + responseId + " has no input item " + itemId);
                }
                return rs.getInt(1);
            }
        }
    }

    private static Optional<StoredResponse> load(Connection c, String id) throws SQLException {
        String previous;
        long createdAt;
        ObjectNode response;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT previous_response_id, created_at, body FROM responses WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                previous = rs.getString(1);
                createdAt = rs.getLong(2);
                response = (ObjectNode) parse(rs.getBytes(3), id);
            }
        }
        ArrayNode items = JSON.createArrayNode();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT body FROM input_items WHERE response_id = ? ORDER BY item_index")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    items.add(parse(rs.getBytes(1), id));
                }
            }
        }
        return Optional.of(new StoredResponse(id, previous, createdAt, response, items));
    }

    private static byte[] toJson(JsonNode node, String responseId) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialize response " + responseId + ": " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode parse(byte[] json, String responseId) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new StoreException("the stored JSON of response " + responseId + " is unreadable: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction. Reads see one snapshot (a response and its items from the same
     * commit); a durable write forces the database file to the device after its commit.
     */
    private <T> T run(String what, boolean durable, SqlWork<T> work) {
        if (closed.get()) {
            throw new StoreException("the response store in " + dataDir + " is closed");
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(durable ? Connection.TRANSACTION_READ_COMMITTED : Connection.TRANSACTION_REPEATABLE_READ);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            if (durable) {
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Shuts the database down cleanly and releases the data directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StoreException("cannot shut the response database in " + dataDir + " down cleanly: " + e.getMessage(), e);
        } finally {
            pool.dispose();
            lock.close();
        }
    }
}
