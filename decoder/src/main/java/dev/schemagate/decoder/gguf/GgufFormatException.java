package dev.schemagate.decoder.gguf;

import java.io.IOException;

/**
 * A file is not a GGUF file this reader can use: wrong magic, unsupported version, truncated, a value or tensor
 * type it does not know, tensor data outside the file, or (from {@link GgufTensor#requireSupported()}) a tensor
 * type schemagate has no kernel for. The message names the offending part and, where it helps, the file offset.
 */
public class GgufFormatException extends IOException {
    public GgufFormatException(String message) {
        super(message);
    }
}
