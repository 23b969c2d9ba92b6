package dev.schemagate.gateway.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.HashSet;
import java.util.Set;

/**
 * The repeated-state check: the same tool called with the same arguments and getting the same result as before
 * in this run can only lead to the same next step, so the run is looping. Arguments compare as JSON values
 * (key order and spacing do not matter).
 */
final class RepeatGuard {
    private static final JsonMapper CANONICAL = JsonMapper.builder().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();
    private final Set<String> earlierTurns = new HashSet<>();
    private final Set<String> thisTurn = new HashSet<>();

    /** Records a call of the current turn; true when an earlier turn made it with the same result. */
    boolean repeated(String server, String tool, String arguments, String result) {
        String key = server + '\u0000' + tool + '\u0000' + canonical(arguments) + '\u0000' + result;
        thisTurn.add(key);
        return earlierTurns.contains(key);
    }

    /** Identical calls within one turn are parallel duplicates, not a loop; a loop needs a later turn. */
    void endTurn() {
        earlierTurns.addAll(thisTurn);
        thisTurn.clear();
    }

    private static String canonical(String json) {
        try {
            JsonNode tree = CANONICAL.readTree(json);
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(tree, Object.class));
        } catch (Exception e) {
            return json;
        }
    }
}
