package dev.schemagate.gateway.store;

/** The response store could not do what was asked: the data directory, the database, or a size limit. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
