package dev.schemagate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static ObjectNode response(String id, String text) {
        ObjectNode response = JSON.createObjectNode().put("id", id).put("object", "response").put("status", "completed");
        response.putArray("output").addObject().put("type", "message").put("role", "assistant")
                .putArray("content").addObject().put("type", "output_text").put("text", text);
        return response;
    }

    private static ArrayNode items(String... ids) {
        ArrayNode items = JSON.createArrayNode();
        for (String id : ids) {
            items.addObject().put("id", id).put("type", "message").put("role", "user").put("content", "text of " + id);
        }
        return items;
    }

    private static StoredResponse stored(String id, String previous, String... itemIds) {
        return new StoredResponse(id, previous, 1_700_000_000L, response(id, "answer of " + id), items(itemIds));
    }

    private static List<String> ids(List<StoredResponse> chain) {
        return chain.stream().map(StoredResponse::id).toList();
    }

    private static List<String> ids(ArrayNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").textValue()));
        return ids;
    }

    @Test
    void jsonBodiesRoundTripExactly() throws Exception {
        ObjectNode response = object("""
                {"id":"resp_1","object":"response","created_at":1700000000,"status":"completed",
                 "output":[{"type":"mcp_call","id":"mcp_1","arguments":"{\\"q\\":\\"\\\\u00e9\\"}",
                            "output":"line1\\nline2\\ttab \\"quoted\\" \\\\ back\\u0000nul\\u2028"},
                           {"type":"message","content":[{"type":"output_text","text":"héllo wörld ✓ 日本語 🎉 𝄞","annotations":[]}]}],
                 "usage":{"input_tokens":12345678901234567890123,"output_tokens":7,"ratio":1.5e300,"tiny":-2.5e-300},
                 "flags":[true,false,null,[],{}],
                 "deep":{"a":[{"b":[{"c":[{"d":{"e":[1,[2,[3,[4]]]]}}]}]}]}}""");
        ArrayNode items = (ArrayNode) JSON.readTree("""
                [{"id":"msg_1","type":"message","role":"user","content":[{"type":"input_text","text":"Ünïcödé ∑ 🚀"}]},
                 {"id":"fc_1","type":"function_call_output","call_id":"call_1","output":"{\\"nested\\":{\\"x\\":[1,2]}}"}]""");
        try (ResponseStore store = ResponseStore.open(dir)) {
            store.put(new StoredResponse("resp_1", null, 1_700_000_000L, response, items));
            StoredResponse back = store.get("resp_1").orElseThrow();
            assertEquals(response, back.response());
            assertEquals(items, back.inputItems());
            assertEquals(1_700_000_000L, back.createdAt());
            assertEquals(null, back.previousResponseId());
            assertEquals("héllo wörld ✓ 日本語 🎉 𝄞",
                    back.response().at("/output/1/content/0/text").textValue());
            assertTrue(store.get("resp_missing").isEmpty());
        }
    }

    @Test
    void putReplacesTheResponseAndAllItsInputItems() {
        try (ResponseStore store = ResponseStore.open(dir)) {
            store.put(stored("resp_1", null, "a", "b", "c"));
            StoredResponse paused = new StoredResponse("resp_1", "resp_0", 1_700_000_005L, response("resp_1", "resumed"), items("d"));
            store.put(paused);
            assertEquals(paused, store.get("resp_1").orElseThrow());
            assertEquals(List.of("d"), ids(store.inputItems("resp_1", null, 10, true).orElseThrow().data()));
        }
    }

    @Test
    void deleteRemovesTheResponseAndItsItems() {
        try (ResponseStore store = ResponseStore.open(dir)) {
            store.put(stored("resp_1", null, "a"));
            store.put(stored("resp_2", "resp_1", "b"));
            assertTrue(store.delete("resp_1"));
            assertFalse(store.delete("resp_1"));
            assertTrue(store.get("resp_1").isEmpty());
            assertTrue(store.inputItems("resp_1", null, 10, true).isEmpty());
            assertEquals(stored("resp_2", "resp_1", "b"), store.get("resp_2").orElseThrow());
            store.put(stored("resp_1", null, "a"));
            assertEquals(List.of("a"), ids(store.get("resp_1").orElseThrow().inputItems()), "no orphaned items came back");
        }
    }

    @Test
    void chainFollowsPreviousResponsesOldestFirst() {
        try (ResponseStore store = ResponseStore.open(dir)) {
            store.put(stored("resp_1", null, "a"));
            store.put(stored("resp_2", "resp_1", "b"));
            store.put(stored("resp_3", "resp_2", "c"));
            store.put(stored("resp_2b", "resp_1", "d"));
            assertEquals(List.of("resp_1", "resp_2", "resp_3"), ids(store.chain("resp_3")));
            assertEquals(List.of("resp_1", "resp_2b"), ids(store.chain("resp_2b")));
            assertEquals(stored("resp_1", null, "a"), store.chain("resp_3").getFirst());
            assertEquals(List.of(), store.chain("resp_missing"));

            store.delete("resp_2");
            assertEquals(List.of("resp_3"), ids(store.chain("resp_3")), "a deleted ancestor ends the chain");
        }
    }

    @Test
    void chainStopsAtACycle() {
        try (ResponseStore store = ResponseStore.open(dir)) {
            store.put(stored("resp_1", "resp_3", "a"));
            store.put(stored("resp_2", "resp_1", "b"));
            store.put(stored("resp_3", "resp_2", "c"));
            store.put(stored("resp_self", "resp_self", "d"));
            assertEquals(List.of("resp_1", "resp_2", "resp_3"), ids(store.chain("resp_3")));
            assertEquals(List.of("resp_self"), ids(store.chain("resp_self")));
        }
    }

    @Test
    void inputItemsPageInBothOrders() {
        try (ResponseStore store = ResponseStore.open(dir)) {
            store.put(stored("resp_1", null, "a", "b", "c", "d", "e"));

            ItemPage page = store.inputItems("resp_1", null, 2, true).orElseThrow();
            assertEquals(List.of("a", "b"), ids(page.data()));
            assertTrue(page.hasMore());
            page = store.inputItems("resp_1", "b", 2, true).orElseThrow();
            assertEquals(List.of("c", "d"), ids(page.data()));
            assertTrue(page.hasMore());
            page = store.inputItems("resp_1", "c", 2, true).orElseThrow();
            assertEquals(List.of("d", "e"), ids(page.data()));
            assertFalse(page.hasMore(), "exactly the last two remain");
            page = store.inputItems("resp_1", "e", 2, true).orElseThrow();
            assertEquals(List.of(), ids(page.data()));
            assertFalse(page.hasMore());

            page = store.inputItems("resp_1", null, 2, false).orElseThrow();
            assertEquals(List.of("e", "d"), ids(page.data()));
            assertTrue(page.hasMore());
            page = store.inputItems("resp_1", "d", 2, false).orElseThrow();
            assertEquals(List.of("c", "b"), ids(page.data()));
            assertTrue(page.hasMore());
            page = store.inputItems("resp_1", "b", 2, false).orElseThrow();
            assertEquals(List.of("a"), ids(page.data()));
            assertFalse(page.hasMore());

            page = store.inputItems("resp_1", null, 100, false).orElseThrow();
            assertEquals(List.of("e", "d", "c", "b", "a"), ids(page.data()));
            assertFalse(page.hasMore());
            assertEquals(items("e").get(0), page.data().get(0), "items come back whole");

            assertThrows(IllegalArgumentException.class, () -> store.inputItems("resp_1", "zz", 2, true));
            assertThrows(IllegalArgumentException.class, () -> store.inputItems("resp_1", null, 0, true));
            assertEquals(Optional.empty(), store.inputItems("resp_missing", null, 2, true));
        }
    }

    @Test
    void inputItemsNeedDistinctStringIds() {
        try (ResponseStore store = ResponseStore.open(dir)) {
            ArrayNode noId = JSON.createArrayNode();
            noId.addObject().put("type", "message");
            assertThrows(IllegalArgumentException.class,
                    () -> store.put(new StoredResponse("resp_1", null, 0, response("resp_1", "x"), noId)));
            assertThrows(IllegalArgumentException.class, () -> store.put(stored("resp_1", null, "a", "a")));
            assertTrue(store.get("resp_1").isEmpty());
        }
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        try (ResponseStore store = ResponseStore.open(dir.resolve("data"))) {
            store.put(stored("resp_1", null, "a", "b"));
            store.put(stored("resp_2", "resp_1", "c"));
            store.put(stored("resp_3", "resp_2"));
            store.delete("resp_3");
        }
        try (ResponseStore store = ResponseStore.open(dir.resolve("data"))) {
            assertEquals(stored("resp_1", null, "a", "b"), store.get("resp_1").orElseThrow());
            assertEquals(List.of("resp_1", "resp_2"), ids(store.chain("resp_2")));
            assertTrue(store.get("resp_3").isEmpty());
            store.put(stored("resp_3", "resp_2", "d"));
        }
        try (ResponseStore store = ResponseStore.open(dir.resolve("data"))) {
            assertEquals(List.of("resp_1", "resp_2", "resp_3"), ids(store.chain("resp_3")));
        }
    }

    @Test
    void concurrentPutsAndGetsLeaveEveryRowIntact() throws Exception {
        int n = 200;
        try (ResponseStore store = ResponseStore.open(dir); ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                done.add(pool.submit(() -> {
                    store.put(stored("resp_" + k, k == 0 ? null : "resp_" + (k - 1), "first_" + k));
                    assertEquals(stored("resp_" + k, k == 0 ? null : "resp_" + (k - 1), "first_" + k),
                            store.get("resp_" + k).orElseThrow());
                    store.put(stored("resp_" + k, k == 0 ? null : "resp_" + (k - 1), "a_" + k, "b_" + k));
                    int other = (k * 37) % n;
                    store.get("resp_" + other).ifPresent(r -> assertEquals("resp_" + other, r.response().get("id").textValue()));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            for (int k = 0; k < n; k++) {
                assertEquals(stored("resp_" + k, k == 0 ? null : "resp_" + (k - 1), "a_" + k, "b_" + k),
                        store.get("resp_" + k).orElseThrow(), "resp_" + k);
            }
            assertEquals(IntStream.range(0, n).mapToObj(k -> "resp_" + k).toList(), ids(store.chain("resp_" + (n - 1))));
        }
    }

    @Test
    void aResponseOverTheByteLimitIsRefusedWithAClearMessage() {
        try (ResponseStore store = ResponseStore.open(dir, 1000)) {
            StoreException big = assertThrows(StoreException.class,
                    () -> store.put(new StoredResponse("resp_big", null, 0, response("resp_big", "x".repeat(2000)), items("a"))));
            assertTrue(big.getMessage().contains("over the store's limit of 1000 bytes"), big.getMessage());
            ArrayNode bigItems = items("a");
            ((ObjectNode) bigItems.get(0)).put("content", "y".repeat(2000));
            assertThrows(StoreException.class,
                    () -> store.put(new StoredResponse("resp_items", null, 0, response("resp_items", "small"), bigItems)));
            assertTrue(store.get("resp_big").isEmpty());
            assertTrue(store.get("resp_items").isEmpty());
            store.put(stored("resp_small", null, "a"));
            assertTrue(store.get("resp_small").isPresent());
        }
    }

    @Test
    void theDefaultLimitKeepsLargeResponsesAndRefusesLargerOnes() {
        try (ResponseStore store = ResponseStore.open(dir)) {
            String twelveMiB = "0123456789abcdéf".repeat(12 << 16);
            StoredResponse large = new StoredResponse("resp_large", null, 0, response("resp_large", twelveMiB), items("a"));
            store.put(large);
            assertEquals(large, store.get("resp_large").orElseThrow());
            String seventeenMiB = "0123456789abcdef".repeat(17 << 16);
            StoreException refused = assertThrows(StoreException.class,
                    () -> store.put(new StoredResponse("resp_huge", null, 0, response("resp_huge", seventeenMiB), items())));
            assertTrue(refused.getMessage().contains("limit of " + (16 << 20) + " bytes"), refused.getMessage());
        }
    }

    @Test
    void aSecondOpenOfAnOpenDirectoryIsRefused() {
        try (ResponseStore first = ResponseStore.open(dir)) {
            StoreException refused = assertThrows(StoreException.class, () -> ResponseStore.open(dir));
            assertTrue(refused.getMessage().contains("already open in this process"), refused.getMessage());
            first.put(stored("resp_1", null, "a"));
            assertTrue(first.get("resp_1").isPresent(), "the refused open left the first store working");
        }
        try (ResponseStore again = ResponseStore.open(dir)) {
            assertTrue(again.get("resp_1").isPresent());
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
        StoreException refused = assertThrows(StoreException.class, () -> ResponseStore.open(file.resolve("data")));
        assertTrue(refused.getMessage().contains("cannot create the data directory"), refused.getMessage());
        StoreException notDir = assertThrows(StoreException.class, () -> ResponseStore.open(file));
        assertTrue(notDir.getMessage().contains("cannot create the data directory"), notDir.getMessage());
    }

    @Test
    void aReadOnlyDataDirectoryIsRefused() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "this user (root) can write to any directory");
            StoreException refused = assertThrows(StoreException.class, () -> ResponseStore.open(readOnly));
            assertTrue(refused.getMessage().contains("is not writable"), refused.getMessage());
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aStoreWithAnUnknownSchemaVersionIsNotOpened() throws Exception {
        try (ResponseStore store = ResponseStore.open(dir)) {
            store.put(stored("resp_1", null, "a"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("responses"), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET version = 99");
        }
        StoreException refused = assertThrows(StoreException.class, () -> ResponseStore.open(dir));
        assertTrue(refused.getMessage().contains("schema version 99"), refused.getMessage());
    }

    @Test
    void aClosedStoreSaysSo() {
        ResponseStore store = ResponseStore.open(dir);
        store.close();
        store.close();
        StoreException closed = assertThrows(StoreException.class, () -> store.get("resp_1"));
        assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
    }
}
