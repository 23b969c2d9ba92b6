package dev.schemagate.gateway.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a run reports as it goes (the Responses event stream is one listener). Called from the run's thread and,
 * for text deltas, the scheduler's; a listener must copy what it keeps, since items change after they are added.
 */
public interface AgentEvents {
    AgentEvents NONE = new AgentEvents() {};

    /** The response exists (status in_progress, no output yet). */
    default void started(ObjectNode response) {}

    default void itemAdded(int outputIndex, ObjectNode item) {}

    default void textDelta(int outputIndex, String itemId, String delta) {}

    default void itemDone(int outputIndex, ObjectNode item) {}

    /** The run ended (completed, incomplete, failed or cancelled); nothing follows. */
    default void finished(ObjectNode response) {}
}
