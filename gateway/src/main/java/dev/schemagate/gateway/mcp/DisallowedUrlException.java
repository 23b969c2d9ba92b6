package dev.schemagate.gateway.mcp;

/** A server URL the operator's allow-list does not permit (or that cannot be checked); nothing was connected. */
public final class DisallowedUrlException extends RuntimeException {
    public DisallowedUrlException(String message) {
        super(message);
    }
}
