package dev.schemagate.decoder.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads little-endian GGUF fields from a mapped file, checking every read against the file's end so that a
 * truncated or corrupt file ends in a {@link GgufFormatException} naming the offset, never in an index error.
 */
final class GgufCursor {
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment file;
    private final long size;
    private long position;

    GgufCursor(MemorySegment file) {
        this.file = file;
        this.size = file.byteSize();
    }

    long position() {
        return position;
    }

    long remaining() {
        return size - position;
    }

    private long claim(long bytes, String what) throws GgufFormatException {
        if (bytes < 0 || bytes > remaining()) {
            throw new GgufFormatException("truncated file: " + what + " at offset " + position + " needs " + bytes
                    + " bytes, but the file ends at " + size);
        }
        long at = position;
        position += bytes;
        return at;
    }

    byte int8(String what) throws GgufFormatException {
        return file.get(ValueLayout.JAVA_BYTE, claim(1, what));
    }

    short int16(String what) throws GgufFormatException {
        return file.get(I16, claim(2, what));
    }

    int int32(String what) throws GgufFormatException {
        return file.get(I32, claim(4, what));
    }

    long uint32(String what) throws GgufFormatException {
        return Integer.toUnsignedLong(int32(what));
    }

    long int64(String what) throws GgufFormatException {
        return file.get(I64, claim(8, what));
    }

    /** A uint64 count or size; values beyond what the file could hold are reported as truncation by the caller's checks. */
    long count(String what) throws GgufFormatException {
        long at = position;
        long value = int64(what);
        if (value < 0) throw new GgufFormatException(what + " at offset " + at + " is " + Long.toUnsignedString(value) + ", larger than any file");
        return value;
    }

    String string(String what) throws GgufFormatException {
        long length = count(what + " length");
        long at = claim(length, what + " of " + length + " bytes");
        if (length > Integer.MAX_VALUE - 8) throw new GgufFormatException(what + " at offset " + at + " is too long: " + length + " bytes");
        byte[] bytes = file.asSlice(at, length).toArray(ValueLayout.JAVA_BYTE);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new GgufFormatException(what + " at offset " + at + " is not valid UTF-8");
        }
    }

    GgufValue value(GgufValue.Type type, String what) throws GgufFormatException {
        return switch (type) {
            case UINT8 -> new GgufValue.UInt8(int8(what) & 0xFF);
            case INT8 -> new GgufValue.Int8(int8(what));
            case UINT16 -> new GgufValue.UInt16(int16(what) & 0xFFFF);
            case INT16 -> new GgufValue.Int16(int16(what));
            case UINT32 -> new GgufValue.UInt32(uint32(what));
            case INT32 -> new GgufValue.Int32(int32(what));
            case FLOAT32 -> new GgufValue.Float32(file.get(F32, claim(4, what)));
            case BOOL -> {
                long at = position;
                byte b = int8(what);
                if (b != 0 && b != 1) throw new GgufFormatException(what + " at offset " + at + " is a bool with byte value " + b);
                yield new GgufValue.Bool(b == 1);
            }
            case STRING -> new GgufValue.Str(string(what));
            case ARRAY -> array(what);
            case UINT64 -> new GgufValue.UInt64(int64(what));
            case INT64 -> new GgufValue.Int64(int64(what));
            case FLOAT64 -> new GgufValue.Float64(file.get(F64, claim(8, what)));
        };
    }

    GgufValue.Type valueType(String what) throws GgufFormatException {
        long at = position;
        long id = uint32(what + " type");
        GgufValue.Type type = GgufValue.Type.byId(id);
        if (type == null) throw new GgufFormatException(what + " at offset " + at + " has unknown value type " + id);
        return type;
    }

    private GgufValue array(String what) throws GgufFormatException {
        GgufValue.Type elementType = valueType(what + " element");
        long at = position;
        long count = count(what + " element count");
        // Every element takes at least this many bytes, so a count the rest of the file cannot hold is caught here.
        long smallest = switch (elementType) {
            case UINT8, INT8, BOOL -> 1;
            case UINT16, INT16 -> 2;
            case UINT32, INT32, FLOAT32 -> 4;
            case UINT64, INT64, FLOAT64, STRING -> 8;
            case ARRAY -> 12;
        };
        if (count > remaining() / smallest) {
            throw new GgufFormatException("truncated file: " + what + " at offset " + at + " claims " + count + " "
                    + elementType.gguf() + " elements, more than the " + remaining() + " bytes left can hold");
        }
        List<GgufValue> elements = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) elements.add(value(elementType, what));
        return new GgufValue.Array(elementType, elements);
    }
}
