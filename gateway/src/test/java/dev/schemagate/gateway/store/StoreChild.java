package dev.schemagate.gateway.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The other process in the crash and lock tests. {@code put DIR N}: stores a chain of N responses, prints "done"
 * and waits to be killed. {@code hold DIR}: opens the store, prints "ready", and closes it when stdin ends.
 */
public final class StoreChild {
    private static final ObjectMapper JSON = new ObjectMapper();

    static StoredResponse chained(int i) {
        ObjectNode response = JSON.createObjectNode().put("id", "resp_" + i).put("object", "response").put("status", "completed");
        response.putArray("output").addObject().put("type", "message").putArray("content").addObject()
                .put("type", "output_text").put("text", "answer " + i + " ✓");
        ArrayNode items = JSON.createArrayNode();
        items.addObject().put("id", "msg_" + i).put("type", "message").put("role", "user").put("content", "question " + i);
        return new StoredResponse("resp_" + i, i == 0 ? null : "resp_" + (i - 1), 1_700_000_000L + i, response, items);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "put" -> {
                ResponseStore store = ResponseStore.open(dir);
                int n = Integer.parseInt(args[2]);
                for (int i = 0; i < n; i++) {
                    store.put(chained(i));
                }
                System.out.println("done");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            case "hold" -> {
                ResponseStore store = ResponseStore.open(dir);
                System.out.println("ready");
                System.out.flush();
                System.in.transferTo(OutputStream.nullOutputStream());
                store.close();
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
