package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** ggml's vector exp approximation: vector and scalar paths bit for bit against {@link GgmlReference}, and its accuracy. */
class VectorExpTest {
    @Test
    void everyPathMatchesTheReferenceBitForBit() {
        Random random = new Random(4);
        float[] x = new float[1 << 16];
        for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextDouble() * 200 - 110);
        // whole vectors of subnormal results, saturation, infinities and exact binade edges
        float[] edges = {-87.5f, -88f, -95f, -103f, -104f, -140f, -1000f, 88.5f, 89f, 200f, 0f, -0f, 1f, -1f,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = 0; i < 16; i++) x[16 + i] = -88f - i;
        float[] y = x.clone();
        VectorExp.apply(y, 0, y.length);
        for (int i = 0; i < x.length; i++) {
            float expected = GgmlReference.vectorExp(x[i]);
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(y[i]), "vector exp(" + x[i] + ")");
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(VectorExp.exp(x[i])), "scalar exp(" + x[i] + ")");
        }
    }

    @Test
    void staysWithinTwoAndAHalfUlpsOfTheExponential() {
        for (float x = -87f; x < 88f; x += 0.0137f) {
            double exact = Math.exp(x);
            // ggml quotes 1.45 ulp for the polynomial plus 0.5 for the final rounding; measured up to about 2.1
            assertEquals(exact, VectorExp.exp(x), 2.5 * Math.ulp((float) exact), "exp(" + x + ")");
        }
    }
}
