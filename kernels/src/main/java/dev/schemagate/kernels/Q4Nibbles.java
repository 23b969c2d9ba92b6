package dev.schemagate.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The repacked nibble layout shared by Q4_0 and Q4_1: per group of 32 rows, per block, 8 "quads" of 32 int16 lanes
 * (64 bytes, one per row, in {@link Q8RowGroups#lane} order); a row's short holds elements 4q..4q+3 of that row's
 * block in bits 0-3, 4-7, 8-11, 12-15. A kernel loads one quad's 16-row half and gets four element planes with a
 * shift and a mask on 16-bit lanes (no byte shifts).
 */
final class Q4Nibbles {
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Bytes of one block of one group: 8 quads x 32 lanes x 2 bytes. */
    static final long GROUP_BLOCK_BYTES = 512;

    private Q4Nibbles() {
    }

    /** Zeroed, 64-byte-aligned storage for {@code groups x blocks} group-blocks, freed with the matrix. */
    static MemorySegment allocate(int groups, int blocks) {
        return Arena.ofAuto().allocate(groups * (long) blocks * GROUP_BLOCK_BYTES, 64);
    }

    /**
     * Copies one ggml block's 16 nibble bytes ({@code qs} at {@code src[at]}: element j &lt; 16 in the low nibble of
     * byte j, element j+16 in its high nibble) into row {@code row}'s lane of group-block {@code groupBlock}.
     */
    static void pack(MemorySegment src, long at, MemorySegment dst, long groupBlock, int row) {
        long lo = src.get(LONG, at);
        long hi = src.get(LONG, at + 8);
        long base = groupBlock * GROUP_BLOCK_BYTES + Q8RowGroups.lane(row % Q8RowGroups.GROUP) * 2L;
        for (int quad = 0; quad < 8; quad++) {
            int bits = 0;
            for (int j = 0; j < 4; j++) {
                int e = quad * 4 + j;
                int k = e & 15;
                int qsByte = (int) ((k < 8 ? lo >>> (8 * k) : hi >>> (8 * (k - 8))) & 0xFF);
                int nibble = (e < 16 ? qsByte : qsByte >>> 4) & 15;
                bits |= nibble << (4 * j);
            }
            dst.set(SHORT, base + quad * 64L, (short) bits);
        }
    }

    /** The stored nibble of element {@code e} of block {@code block} of row {@code row}. */
    static int nibble(MemorySegment packed, int blocks, int row, int block, int e) {
        long groupBlock = (long) (row / Q8RowGroups.GROUP) * blocks + block;
        short bits = packed.get(SHORT, groupBlock * GROUP_BLOCK_BYTES + (e / 4) * 64L + Q8RowGroups.lane(row % Q8RowGroups.GROUP) * 2L);
        return (bits >>> (4 * (e % 4))) & 15;
    }
}
