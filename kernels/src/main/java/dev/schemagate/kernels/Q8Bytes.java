package dev.schemagate.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The repacked int8 layout shared by Q8_0 and Q5_0: per group of 32 rows, per block, per element, 32 signed bytes,
 * one per row, each 16-row half in {@link Q8RowGroups#lane} order (rows j and j+8 adjacent). A kernel widens one
 * element's 16 rows of a half to int16 lanes with a single load-and-extend; viewing those as int32 lanes, a
 * shift pair then splits rows 0-7 (low halves) from rows 8-15 (high halves), cheaper than widening int16 vectors
 * to int32 vectors.
 */
final class Q8Bytes {
    /** Bytes of one block of one group: 32 elements x 32 lanes. */
    static final long GROUP_BLOCK_BYTES = 1024;

    private Q8Bytes() {
    }

    /** Zeroed, 64-byte-aligned storage for {@code groups x blocks} group-blocks, freed with the matrix. */
    static MemorySegment allocate(int groups, int blocks) {
        return Arena.ofAuto().allocate(groups * (long) blocks * GROUP_BLOCK_BYTES, 64);
    }

    /** Byte offset of element {@code e} of block {@code block} of row {@code row}. */
    static long offset(int blocks, int row, int block, int e) {
        long groupBlock = (long) (row / Q8RowGroups.GROUP) * blocks + block;
        return groupBlock * GROUP_BLOCK_BYTES + e * 32L + Q8RowGroups.lane(row % Q8RowGroups.GROUP);
    }

    static void set(MemorySegment packed, int blocks, int row, int block, int e, int value) {
        packed.set(ValueLayout.JAVA_BYTE, offset(blocks, row, block, e), (byte) value);
    }

    static int get(MemorySegment packed, int blocks, int row, int block, int e) {
        return packed.get(ValueLayout.JAVA_BYTE, offset(blocks, row, block, e));
    }
}
