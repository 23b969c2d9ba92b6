package dev.schemagate.cli;

/** Input the user can fix (a missing file, a bad value): reported in one line with exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
