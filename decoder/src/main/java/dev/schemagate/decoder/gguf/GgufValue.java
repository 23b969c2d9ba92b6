package dev.schemagate.decoder.gguf;

import java.util.List;

/**
 * One GGUF metadata value, one record per GGUF value type. Unsigned integers keep their full range in a wider
 * Java type ({@code uint32} in a long); a {@code uint64} above {@link Long#MAX_VALUE} is stored as its bit pattern.
 */
public sealed interface GgufValue {

    /** The GGUF value type of this value. */
    Type type();

    /** GGUF value types with their ids in the file format. */
    enum Type {
        UINT8(0), INT8(1), UINT16(2), INT16(3), UINT32(4), INT32(5), FLOAT32(6), BOOL(7), STRING(8), ARRAY(9),
        UINT64(10), INT64(11), FLOAT64(12);

        private final int id;

        Type(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }

        /** The type with this id, or null when GGUF defines none. */
        public static Type byId(long id) {
            for (Type type : values()) {
                if (type.id == id) return type;
            }
            return null;
        }

        boolean isInteger() {
            return switch (this) {
                case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
                default -> false;
            };
        }

        String gguf() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record UInt8(int value) implements GgufValue {
        public Type type() {
            return Type.UINT8;
        }
    }

    record Int8(byte value) implements GgufValue {
        public Type type() {
            return Type.INT8;
        }
    }

    record UInt16(int value) implements GgufValue {
        public Type type() {
            return Type.UINT16;
        }
    }

    record Int16(short value) implements GgufValue {
        public Type type() {
            return Type.INT16;
        }
    }

    record UInt32(long value) implements GgufValue {
        public Type type() {
            return Type.UINT32;
        }
    }

    record Int32(int value) implements GgufValue {
        public Type type() {
            return Type.INT32;
        }
    }

    /** {@code bits} is the unsigned value's bit pattern: negative when it exceeds {@link Long#MAX_VALUE}. */
    record UInt64(long bits) implements GgufValue {
        public Type type() {
            return Type.UINT64;
        }
    }

    record Int64(long value) implements GgufValue {
        public Type type() {
            return Type.INT64;
        }
    }

    record Float32(float value) implements GgufValue {
        public Type type() {
            return Type.FLOAT32;
        }
    }

    record Float64(double value) implements GgufValue {
        public Type type() {
            return Type.FLOAT64;
        }
    }

    record Bool(boolean value) implements GgufValue {
        public Type type() {
            return Type.BOOL;
        }
    }

    record Str(String value) implements GgufValue {
        public Str {
            java.util.Objects.requireNonNull(value);
        }

        public Type type() {
            return Type.STRING;
        }
    }

    /** An array; every element has {@code elementType} (itself possibly {@link Type#ARRAY}). */
    record Array(Type elementType, List<GgufValue> elements) implements GgufValue {
        public Array {
            elements = List.copyOf(elements);
            for (GgufValue element : elements) {
                if (element.type() != elementType) {
                    throw new IllegalArgumentException("array of " + elementType + " holds a " + element.type());
                }
            }
        }

        public Type type() {
            return Type.ARRAY;
        }
    }
}
