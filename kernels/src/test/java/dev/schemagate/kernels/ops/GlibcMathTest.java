package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

/** {@link GlibcMath} against glibc itself: recorded outputs, and the live libm where the test runs on x86-64 Linux. */
class GlibcMathTest {
    /** Bit-pattern stride of the live comparison: about 17 million floats of every magnitude and sign. */
    private static final int STRIDE = 251;

    private static void assertBits(float expected, float actual, String what) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                () -> what + ": expected " + Float.toHexString(expected) + ", got " + Float.toHexString(actual));
    }

    /** Equal bits, or NaN for both (glibc's NaN payloads are not part of the contract). */
    private static void assertSameOutput(float expected, float actual, String function, float x) {
        if (Float.floatToRawIntBits(expected) == Float.floatToRawIntBits(actual) || (Float.isNaN(expected) && Float.isNaN(actual))) return;
        assertBits(expected, actual, function + " " + Float.toHexString(x));
    }

    @Test
    void matchesRecordedGlibcValuesWhereJavaMathRoundsDifferently() {
        // glibc 2.36 expf, sinf and cosf on x86-64 (FMA variants), for inputs where (float) Math.exp/sin/cos differ
        float[][] exp = {{-0x1.0063aap4f, 0x1.d7b76p-24f}, {-0x1.26c33cp4f, 0x1.56ea98p-27f}, {-0x1.1e824ep4f, 0x1.1f3422p-26f},
                {-0x1.52c4dap3f, 0x1.a7b0b4p-16f}};
        for (float[] c : exp) assertBits(c[1], GlibcMath.exp(c[0]), "exp " + Float.toHexString(c[0]));
        float[][] sinCos = {{0x1.0ep8f, -0x1.688ac8p-3f, 0x1.f800eap-1f}, {0x1.f0b5bap1f, -0x1.58d6e6p-1f, -0x1.7a7504p-1f},
                {0x1.d9210ep7f, -0x1.9f01f8p-1f, -0x1.2bdab4p-1f}, {0x1.57p8f, -0x1.12bd04p-1f, -0x1.b00b82p-1f},
                {0x1.67p8f, 0x1.837e32p-1f, 0x1.4ea764p-1f}, {0x1.05afbcp8f, -0x1.9bbbbcp-1f, -0x1.3055b4p-1f}};
        for (float[] c : sinCos) {
            assertBits(c[1], GlibcMath.sin(c[0]), "sin " + Float.toHexString(c[0]));
            assertBits(c[2], GlibcMath.cos(c[0]), "cos " + Float.toHexString(c[0]));
        }
    }

    @Test
    void specialValues() {
        assertBits(0f, GlibcMath.exp(Float.NEGATIVE_INFINITY), "exp(-inf)");
        assertBits(Float.POSITIVE_INFINITY, GlibcMath.exp(89f), "exp(89)");
        assertBits(Float.MIN_VALUE, GlibcMath.exp(-103.5f), "exp(-103.5)");
        assertBits(0f, GlibcMath.exp(-104f), "exp(-104)");
        assertBits(1f, GlibcMath.exp(0f), "exp(0)");
        assertEquals(Float.NaN, GlibcMath.sin(Float.POSITIVE_INFINITY));
        assertBits(1f, GlibcMath.cos(0f), "cos(0)");
        assertBits(-0f, GlibcMath.sin(-0f), "sin(-0)");
    }

    @Test
    void matchesTheLiveLibmBitForBit() throws Throwable {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "glibc's x86-64 libm is the reference");
        Linker linker = Linker.nativeLinker();
        MethodHandle expf = linker.downcallHandle(linker.defaultLookup().find("expf").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_FLOAT, ValueLayout.JAVA_FLOAT));
        MethodHandle sincosf = linker.downcallHandle(linker.defaultLookup().find("sincosf").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sin = arena.allocate(ValueLayout.JAVA_FLOAT);
            MemorySegment cos = arena.allocate(ValueLayout.JAVA_FLOAT);
            for (long bits = 0; bits < 1L << 32; bits += STRIDE) {
                float x = Float.intBitsToFloat((int) bits);
                assertSameOutput((float) expf.invokeExact(x), GlibcMath.exp(x), "exp", x);
                sincosf.invokeExact(x, sin, cos);
                assertSameOutput(sin.get(ValueLayout.JAVA_FLOAT, 0), GlibcMath.sin(x), "sin", x);
                assertSameOutput(cos.get(ValueLayout.JAVA_FLOAT, 0), GlibcMath.cos(x), "cos", x);
            }
        }
    }
}
