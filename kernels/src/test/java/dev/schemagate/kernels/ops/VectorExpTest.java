package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ggml's vector exp approximation in both x86 builds: vector and scalar paths bit for bit against
 * {@link GgmlReference}, and its accuracy.
 */
class VectorExpTest {
    @ParameterizedTest
    @EnumSource(GgmlIsa.class)
    void everyPathMatchesTheReferenceBitForBit(GgmlIsa isa) {
        Random random = new Random(4);
        float[] x = new float[1 << 16];
        for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextDouble() * 200 - 110);
        // whole vectors of subnormal results, saturation, infinities and exact binade edges
        float[] edges = {-87.5f, -88f, -95f, -103f, -104f, -140f, -1000f, 88.5f, 89f, 200f, 0f, -0f, 1f, -1f,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -87.33f, -87.34f, 87.33f, 87.34f, -133.1f, 133.1f};
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = 0; i < 16; i++) x[16 + i] = -88f - i;
        float[] y = x.clone();
        VectorExp.apply(y, 0, y.length, isa);
        for (int i = 0; i < x.length; i++) {
            float expected = GgmlReference.vectorExp(x[i], isa);
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(y[i]), isa + " vector exp(" + x[i] + ")");
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(VectorExp.exp(x[i], isa)), isa + " scalar exp(" + x[i] + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(GgmlIsa.class)
    void staysWithinTwoAndAHalfUlpsOfTheExponential(GgmlIsa isa) {
        for (float x = -87f; x < 88f; x += 0.0137f) {
            double exact = Math.exp(x);
            // ggml quotes 1.45 ulp for the polynomial plus 0.5 for the final rounding; measured up to about 2.1
            assertEquals(exact, VectorExp.exp(x, isa), 2.5 * Math.ulp((float) exact), isa + " exp(" + x + ")");
        }
    }

    @Test
    void theBuildsRoundDifferently() {
        int differing = 0;
        int inputs = 0;
        for (float x = -80f; x < 80f; x += 0.0137f, inputs++) {
            if (VectorExp.exp(x, GgmlIsa.AVX2) != VectorExp.exp(x, GgmlIsa.AVX512)) differing++;
        }
        // the same polynomial with the 1 added before or inside the final scaling: a last-bit difference on some inputs
        assertTrue(differing > inputs / 100, differing + " of " + inputs + " inputs differ");
    }
}
