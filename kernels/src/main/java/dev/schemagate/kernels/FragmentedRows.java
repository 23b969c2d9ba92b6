package dev.schemagate.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The GGUF rows of one matrix spread over several segments (e.g. q, k and v stacked), validated once so the
 * repacking constructors can read row {@code r} without caring where it lives.
 */
final class FragmentedRows {
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment[] parts;
    private final int[] firstRow;
    private final int rows;
    private final long rowBytes;

    private FragmentedRows(MemorySegment[] parts, int[] firstRow, int rows, long rowBytes) {
        this.parts = parts;
        this.firstRow = firstRow;
        this.rows = rows;
        this.rowBytes = rowBytes;
    }

    /** @throws IllegalArgumentException if {@code cols} is not whole blocks or a part is not whole rows */
    static FragmentedRows of(GgmlType type, int cols, MemorySegment... parts) {
        if (cols <= 0 || cols % type.blockSize() != 0) {
            throw new IllegalArgumentException(type + " matrix: " + cols + " columns is not a positive multiple of the block size " + type.blockSize());
        }
        if (parts == null || parts.length == 0) throw new IllegalArgumentException(type + " matrix: no parts given");
        long rowBytes = type.byteSize(cols);
        int[] firstRow = new int[parts.length + 1];
        long rows = 0;
        for (int p = 0; p < parts.length; p++) {
            long size = parts[p].byteSize();
            if (size % rowBytes != 0) {
                throw new IllegalArgumentException(type + " matrix: part " + p + " holds " + size + " bytes, not whole rows of " + rowBytes + " bytes");
            }
            firstRow[p] = (int) rows;
            rows += size / rowBytes;
            if (rows > Integer.MAX_VALUE) throw new IllegalArgumentException(type + " matrix: more than " + Integer.MAX_VALUE + " rows");
        }
        firstRow[parts.length] = (int) rows;
        if (rows == 0) throw new IllegalArgumentException(type + " matrix: the parts hold no rows");
        return new FragmentedRows(parts.clone(), firstRow, (int) rows, rowBytes);
    }

    int rows() {
        return rows;
    }

    /** The GGUF bytes of row {@code r}. */
    MemorySegment row(int r) {
        int p = parts.length - 1;
        while (firstRow[p] > r) p--;
        return parts[p].asSlice((r - firstRow[p]) * rowBytes, rowBytes);
    }
}
