package dev.schemagate.decoder.gguf;

import dev.schemagate.kernels.GgmlType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF file (versions 2 and 3) memory-mapped read-only: its metadata parsed onto the heap, its tensors left in
 * the mapping. Closing the file unmaps it; tensor data must not be used afterwards. Safe to share between threads.
 */
public final class GgufFile implements AutoCloseable {
    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian int
    private static final int MAX_DIMS = 4;
    private static final int DEFAULT_ALIGNMENT = 32;

    private final Path path;
    private final Arena arena;
    private final int version;
    private final Map<String, GgufValue> metadata;
    private final List<GgufTensor> tensors;
    private final Map<String, GgufTensor> tensorsByName;

    private GgufFile(Path path, Arena arena, int version, Map<String, GgufValue> metadata, List<GgufTensor> tensors) {
        this.path = path;
        this.arena = arena;
        this.version = version;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.tensors = List.copyOf(tensors);
        this.tensorsByName = new HashMap<>();
        for (GgufTensor tensor : tensors) tensorsByName.put(tensor.name(), tensor);
    }

    /**
     * Maps and parses {@code path}.
     *
     * @throws GgufFormatException if it is not a well-formed GGUF v2/v3 file
     */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return parse(path, arena, file);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static GgufFile parse(Path path, Arena arena, MemorySegment file) throws GgufFormatException {
        if (file.byteSize() < 4) throw new GgufFormatException("not a GGUF file: " + path + " has only " + file.byteSize() + " bytes");
        GgufCursor in = new GgufCursor(file);
        int magic = in.int32("magic");
        if (magic != MAGIC) {
            throw new GgufFormatException("not a GGUF file: " + path + " starts with " + describeBytes(file) + ", not \"GGUF\"");
        }
        int version = in.int32("version");
        if (version != 2 && version != 3) {
            String endian = Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3
                    ? " (a big-endian file, which is not supported)" : "";
            throw new GgufFormatException("unsupported GGUF version " + Integer.toUnsignedString(version) + endian
                    + " in " + path + "; only versions 2 and 3 can be read");
        }
        long tensorCount = in.count("tensor count");
        long kvCount = in.count("metadata count");
        if (kvCount > in.remaining() / 13 || tensorCount > in.remaining() / 24) {
            throw new GgufFormatException("truncated file: " + path + " claims " + kvCount + " metadata entries and "
                    + tensorCount + " tensors, more than its " + in.remaining() + " remaining bytes can hold");
        }

        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long at = in.position();
            String key = in.string("metadata key");
            GgufValue.Type type = in.valueType("value of " + key);
            GgufValue value = in.value(type, "value of " + key);
            if (metadata.putIfAbsent(key, value) != null) {
                throw new GgufFormatException("duplicate metadata key " + key + " at offset " + at);
            }
        }

        List<TensorInfo> infos = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) infos.add(tensorInfo(in));

        long alignment = DEFAULT_ALIGNMENT;
        GgufValue configured = metadata.get("general.alignment");
        if (configured != null) {
            alignment = configured instanceof GgufValue.UInt32(long a) ? a : -1;
            if (alignment <= 0 || Long.bitCount(alignment) != 1) {
                throw new GgufFormatException("general.alignment must be a uint32 power of two, got " + configured);
            }
        }
        long dataStart = (in.position() + alignment - 1) / alignment * alignment;

        List<GgufTensor> tensors = new ArrayList<>(infos.size());
        Map<String, Boolean> seen = new HashMap<>();
        for (TensorInfo info : infos) {
            if (seen.put(info.name, true) != null) throw new GgufFormatException("duplicate tensor name " + info.name);
            tensors.add(info.locate(file, dataStart, alignment));
        }
        return new GgufFile(path, arena, version, metadata, tensors);
    }

    private record TensorInfo(String name, long[] dims, GgmlType type, long offset) {
        GgufTensor locate(MemorySegment file, long dataStart, long alignment) throws GgufFormatException {
            if (offset % alignment != 0) {
                throw new GgufFormatException("tensor " + name + " has offset " + offset + ", not a multiple of the alignment " + alignment);
            }
            long elements = 1;
            for (long d : dims) {
                if (d > Long.MAX_VALUE / elements) throw new GgufFormatException("tensor " + name + " has too many elements");
                elements *= d;
            }
            if (dims[0] % type.blockSize() != 0) {
                throw new GgufFormatException("tensor " + name + " rows of " + dims[0] + " values are not whole "
                        + type + " blocks of " + type.blockSize());
            }
            long bytes = elements / type.blockSize() * type.bytesPerBlock();
            long start = dataStart + offset;
            if (offset < 0 || start < 0 || bytes > file.byteSize() - start) {
                throw new GgufFormatException("tensor data out of bounds: " + name + " needs bytes [" + start + ", "
                        + (start + bytes) + ") but the file has " + file.byteSize());
            }
            return new GgufTensor(name, type, dims, offset, file.asSlice(start, bytes));
        }
    }

    private static TensorInfo tensorInfo(GgufCursor in) throws GgufFormatException {
        String name = in.string("tensor name");
        long at = in.position();
        long nDims = in.uint32("dimension count of tensor " + name);
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw new GgufFormatException("tensor " + name + " at offset " + at + " has " + nDims + " dimensions; ggml allows 1 to " + MAX_DIMS);
        }
        long[] dims = new long[(int) nDims];
        for (int d = 0; d < nDims; d++) {
            at = in.position();
            dims[d] = in.int64("dimension " + d + " of tensor " + name);
            if (dims[d] <= 0) {
                throw new GgufFormatException("tensor " + name + " has dimension " + d + " = " + Long.toUnsignedString(dims[d]) + " at offset " + at);
            }
        }
        at = in.position();
        long typeId = in.uint32("type of tensor " + name);
        GgmlType type = typeId > Integer.MAX_VALUE ? null : GgmlType.byId((int) typeId);
        if (type == null) {
            throw new GgufFormatException("tensor " + name + " at offset " + at + " has type id " + typeId + ", which ggml does not define");
        }
        long offset = in.int64("data offset of tensor " + name);
        return new TensorInfo(name, dims, type, offset);
    }

    private static String describeBytes(MemorySegment file) {
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int b = file.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            hex.append(i == 0 ? "" : " ").append(String.format("%02X", b));
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return "bytes " + hex + " (\"" + text + "\")";
    }

    public int version() {
        return version;
    }

    public Path path() {
        return path;
    }

    /** general.architecture, e.g. "llama". */
    public String architecture() {
        return getString("general.architecture");
    }

    /** Every metadata entry, in file order. */
    public Map<String, GgufValue> metadata() {
        return metadata;
    }

    public boolean has(String key) {
        return metadata.containsKey(key);
    }

    public String getString(String key) {
        if (require(key) instanceof GgufValue.Str(String s)) return s;
        throw wrongType(key, "a string");
    }

    /** Any integer type, as a long. */
    public long getLong(String key) {
        return integer(key, require(key));
    }

    public int getInt(String key) {
        long value = getLong(key);
        if (value != (int) value) throw new IllegalArgumentException("metadata " + key + " = " + value + " does not fit an int");
        return (int) value;
    }

    public int getInt(String key, int fallback) {
        return has(key) ? getInt(key) : fallback;
    }

    /** A float32 or float64 (narrowed), or {@code fallback} when the key is absent. */
    public float getFloat(String key, float fallback) {
        GgufValue value = metadata.get(key);
        return switch (value) {
            case null -> fallback;
            case GgufValue.Float32(float f) -> f;
            case GgufValue.Float64(double d) -> (float) d;
            default -> throw wrongType(key, "a float");
        };
    }

    public boolean getBool(String key, boolean fallback) {
        GgufValue value = metadata.get(key);
        if (value == null) return fallback;
        if (value instanceof GgufValue.Bool(boolean b)) return b;
        throw wrongType(key, "a bool");
    }

    public List<String> getStrings(String key) {
        GgufValue.Array array = array(key, "an array of strings");
        if (array.elementType() != GgufValue.Type.STRING) throw wrongType(key, "an array of strings");
        List<String> strings = new ArrayList<>(array.elements().size());
        for (GgufValue element : array.elements()) strings.add(((GgufValue.Str) element).value());
        return strings;
    }

    /** An array of float32 or float64 values. */
    public float[] getFloats(String key) {
        GgufValue.Array array = array(key, "an array of floats");
        float[] floats = new float[array.elements().size()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = switch (array.elements().get(i)) {
                case GgufValue.Float32(float f) -> f;
                case GgufValue.Float64(double d) -> (float) d;
                default -> throw wrongType(key, "an array of floats");
            };
        }
        return floats;
    }

    /** An array of any integer type; every element must fit an int. */
    public int[] getInts(String key) {
        GgufValue.Array array = array(key, "an array of integers");
        if (!array.elementType().isInteger()) throw wrongType(key, "an array of integers");
        int[] ints = new int[array.elements().size()];
        for (int i = 0; i < ints.length; i++) {
            long value = integer(key, array.elements().get(i));
            if (value != (int) value) throw new IllegalArgumentException("metadata " + key + "[" + i + "] = " + value + " does not fit an int");
            ints[i] = (int) value;
        }
        return ints;
    }

    public List<GgufTensor> tensors() {
        return tensors;
    }

    /** @throws IllegalArgumentException naming the tensor when the file has none of that name */
    public GgufTensor tensor(String name) {
        GgufTensor tensor = tensorsByName.get(name);
        if (tensor == null) throw new IllegalArgumentException("GGUF file " + path + " has no tensor " + name);
        return tensor;
    }

    public Optional<GgufTensor> findTensor(String name) {
        return Optional.ofNullable(tensorsByName.get(name));
    }

    /** Unmaps the file; its tensors' data segments become unusable. */
    @Override
    public void close() {
        arena.close();
    }

    private GgufValue require(String key) {
        GgufValue value = metadata.get(key);
        if (value == null) throw new IllegalArgumentException("GGUF file " + path + " has no metadata key " + key);
        return value;
    }

    private GgufValue.Array array(String key, String expected) {
        if (require(key) instanceof GgufValue.Array array) return array;
        throw wrongType(key, expected);
    }

    private long integer(String key, GgufValue value) {
        return switch (value) {
            case GgufValue.UInt8(int v) -> v;
            case GgufValue.Int8(byte v) -> v;
            case GgufValue.UInt16(int v) -> v;
            case GgufValue.Int16(short v) -> v;
            case GgufValue.UInt32(long v) -> v;
            case GgufValue.Int32(int v) -> v;
            case GgufValue.Int64(long v) -> v;
            case GgufValue.UInt64(long bits) -> {
                if (bits < 0) throw new IllegalArgumentException("metadata " + key + " = " + Long.toUnsignedString(bits) + " does not fit a long");
                yield bits;
            }
            default -> throw wrongType(key, "an integer");
        };
    }

    private IllegalArgumentException wrongType(String key, String expected) {
        GgufValue value = metadata.get(key);
        String actual = value instanceof GgufValue.Array a ? "an array of " + a.elementType().gguf() : value.type().gguf();
        return new IllegalArgumentException("metadata " + key + " is " + actual + ", not " + expected);
    }
}
