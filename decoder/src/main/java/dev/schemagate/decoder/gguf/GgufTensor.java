package dev.schemagate.decoder.gguf;

import dev.schemagate.kernels.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor of a {@link GgufFile}: its ggml type, its dimensions in ggml order ({@code dims[0]} is ne0, the
 * contiguous one) and its bytes, a slice of the file's mapping that is valid until the file is closed.
 *
 * @param offset where the data starts, relative to the file's data section
 */
public record GgufTensor(String name, GgmlType type, long[] dims, long offset, MemorySegment data) {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public GgufTensor {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public long elementCount() {
        long count = 1;
        for (long d : dims) count *= d;
        return count;
    }

    /** ne0: the number of values in one row, which ggml stores contiguously. */
    public int cols() {
        return Math.toIntExact(dims[0]);
    }

    /** The number of rows: the product of every dimension but the first. */
    public int rows() {
        long rows = 1;
        for (int i = 1; i < dims.length; i++) rows *= dims[i];
        return Math.toIntExact(rows);
    }

    /**
     * Fails unless schemagate has a kernel for this tensor's type. Not checked when the file is opened: a file
     * may carry tensors the caller never uses.
     */
    public void requireSupported() throws GgufFormatException {
        if (!type.supported()) {
            throw new GgufFormatException("tensor " + name + " has type " + type + ", which schemagate has no kernel for");
        }
    }

    /** The values of an F32, F16 or BF16 tensor (norm weights and the like), copied to the heap. */
    public float[] toFloats() {
        long count = elementCount();
        if (count > Integer.MAX_VALUE - 8) throw new IllegalStateException("tensor " + name + " is too large for a float[]");
        float[] values = new float[(int) count];
        switch (type) {
            case F32 -> MemorySegment.copy(data, F32, 0, values, 0, values.length);
            case F16 -> {
                for (int i = 0; i < values.length; i++) values[i] = Float.float16ToFloat(data.get(I16, 2L * i));
            }
            case BF16 -> {
                for (int i = 0; i < values.length; i++) values[i] = Float.intBitsToFloat(data.get(I16, 2L * i) << 16);
            }
            default -> throw new IllegalStateException(
                    "tensor " + name + " has type " + type + "; only F32, F16 and BF16 tensors convert to floats");
        }
        return values;
    }

    @Override
    public String toString() {
        return "GgufTensor[" + name + ", " + type + ", dims=" + Arrays.toString(dims) + ", offset=" + offset + "]";
    }
}
