package dev.schemagate.gateway.service;

import dev.schemagate.gateway.engine.GeneratedToken;

/** Where a choice's events go, on the request's own thread (its event loop). */
public interface ChoiceSink {
    void onToken(int choice, GeneratedToken token);

    void onFinish(ChoiceResult result);
}
