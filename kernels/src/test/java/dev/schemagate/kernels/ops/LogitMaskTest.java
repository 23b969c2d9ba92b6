package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogitMaskTest {
    @Test
    void clearBitsBecomeNegativeInfinityAndSetBitsKeepTheirLogit() {
        Random random = new Random(5);
        for (int vocab : new int[] {1, 63, 64, 65, 200, 49152, 49155}) {
            long[] allowed = new long[(vocab + 63) / 64 + 1];
            for (int w = 0; w < allowed.length; w++) {
                allowed[w] = switch (w % 4) {
                    case 0 -> -1L;
                    case 1 -> 0L;
                    default -> random.nextLong();
                };
            }
            float[] logits = new float[vocab + 3];
            for (int i = 0; i < logits.length; i++) logits[i] = (float) random.nextGaussian();
            float[] original = logits.clone();
            LogitMask.apply(allowed, logits, 2, vocab);
            for (int t = 0; t < vocab; t++) {
                boolean keep = ((allowed[t / 64] >>> (t % 64)) & 1) != 0;
                assertEquals(keep ? original[2 + t] : Float.NEGATIVE_INFINITY, logits[2 + t], "vocab " + vocab + " token " + t);
            }
            assertEquals(original[0], logits[0]);
            assertEquals(original[1], logits[1]);
            assertEquals(original[vocab + 2], logits[vocab + 2]);
        }
    }

    @Test
    void shortMasksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogitMask.apply(new long[1], new float[65], 0, 65));
        assertThrows(IndexOutOfBoundsException.class, () -> LogitMask.apply(new long[2], new float[65], 1, 65));
    }
}
