package dev.schemagate.decoder.gguf;

import dev.schemagate.kernels.GgmlType;
import dev.schemagate.kernels.WeightMatrices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF files for tests, following the format description rather than the reader: metadata of every value
 * type, then tensor infos, then each tensor's ggml blocks (from {@link WeightMatrices#quantize}) at aligned offsets.
 */
public final class GgufWriter {
    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private int version = 3;

    private record Tensor(String name, GgmlType type, long[] dims, byte[] data) {}

    public GgufWriter version(int version) {
        this.version = version;
        return this;
    }

    public GgufWriter put(String key, GgufValue value) {
        metadata.put(key, value);
        return this;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, new GgufValue.Str(value));
    }

    public GgufWriter putUInt32(String key, long value) {
        return put(key, new GgufValue.UInt32(value));
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, new GgufValue.Bool(value));
    }

    public GgufWriter putFloat(String key, float value) {
        return put(key, new GgufValue.Float32(value));
    }

    public GgufWriter putStrings(String key, List<String> values) {
        return put(key, new GgufValue.Array(GgufValue.Type.STRING, values.stream().<GgufValue>map(GgufValue.Str::new).toList()));
    }

    public GgufWriter putInts(String key, int[] values) {
        List<GgufValue> elements = new ArrayList<>(values.length);
        for (int v : values) elements.add(new GgufValue.Int32(v));
        return put(key, new GgufValue.Array(GgufValue.Type.INT32, elements));
    }

    public GgufWriter putFloats(String key, float[] values) {
        List<GgufValue> elements = new ArrayList<>(values.length);
        for (float v : values) elements.add(new GgufValue.Float32(v));
        return put(key, new GgufValue.Array(GgufValue.Type.FLOAT32, elements));
    }

    /** A tensor of {@code values} (ggml order: {@code dims[0]} is the row length) encoded as {@code type}. */
    public GgufWriter tensor(String name, GgmlType type, float[] values, long... dims) {
        long count = 1;
        for (long d : dims) count *= d;
        if (count != values.length) throw new IllegalArgumentException(name + ": " + values.length + " values for dims of " + count);
        tensors.add(new Tensor(name, type, dims.clone(), WeightMatrices.quantize(type, values, Math.toIntExact(dims[0]))));
        return this;
    }

    /** A tensor given as its encoded ggml bytes, for types whose encoder a test does not need. */
    public GgufWriter rawTensor(String name, GgmlType type, byte[] data, long... dims) {
        long count = 1;
        for (long d : dims) count *= d;
        if (type.byteSize(count) != data.length) throw new IllegalArgumentException(name + ": " + data.length + " bytes for " + count + " " + type + " values");
        tensors.add(new Tensor(name, type, dims.clone(), data.clone()));
        return this;
    }

    public byte[] toBytes() {
        long alignment = metadata.get("general.alignment") instanceof GgufValue.UInt32(long a) ? a : 32;
        Out out = new Out();
        out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        out.u32(version);
        out.u64(tensors.size());
        out.u64(metadata.size());
        for (Map.Entry<String, GgufValue> entry : metadata.entrySet()) {
            out.string(entry.getKey());
            out.u32(entry.getValue().type().id());
            out.value(entry.getValue());
        }
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor tensor : tensors) {
            offsets.add(offset);
            out.string(tensor.name);
            out.u32(tensor.dims.length);
            for (long d : tensor.dims) out.u64(d);
            out.u32(tensor.type.id());
            out.u64(offset);
            offset = align(offset + tensor.data.length, alignment);
        }
        for (int i = 0; i < tensors.size(); i++) {
            out.padTo(align(out.size(), alignment));
            out.bytes(tensors.get(i).data);
        }
        return out.toByteArray();
    }

    public Path write(Path file) throws IOException {
        Files.write(file, toBytes());
        return file;
    }

    private static long align(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    private static final class Out extends ByteArrayOutputStream {
        void bytes(byte[] b) {
            writeBytes(b);
        }

        void padTo(long position) {
            while (size() < position) write(0);
        }

        void le(long value, int width) {
            write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array(), 0, width);
        }

        void u32(long value) {
            le(value, 4);
        }

        void u64(long value) {
            le(value, 8);
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            u64(utf8.length);
            bytes(utf8);
        }

        void value(GgufValue value) {
            switch (value) {
                case GgufValue.UInt8(int v) -> le(v, 1);
                case GgufValue.Int8(byte v) -> le(v, 1);
                case GgufValue.UInt16(int v) -> le(v, 2);
                case GgufValue.Int16(short v) -> le(v, 2);
                case GgufValue.UInt32(long v) -> le(v, 4);
                case GgufValue.Int32(int v) -> le(v, 4);
                case GgufValue.Float32(float v) -> le(Float.floatToRawIntBits(v), 4);
                case GgufValue.Bool(boolean v) -> le(v ? 1 : 0, 1);
                case GgufValue.Str(String v) -> string(v);
                case GgufValue.UInt64(long v) -> le(v, 8);
                case GgufValue.Int64(long v) -> le(v, 8);
                case GgufValue.Float64(double v) -> le(Double.doubleToRawLongBits(v), 8);
                case GgufValue.Array(GgufValue.Type elementType, List<GgufValue> elements) -> {
                    u32(elementType.id());
                    u64(elements.size());
                    for (GgufValue element : elements) value(element);
                }
            }
        }
    }
}
