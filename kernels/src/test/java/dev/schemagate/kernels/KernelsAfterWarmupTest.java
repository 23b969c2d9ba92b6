package dev.schemagate.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemagate.kernels.ops.LogitMask;
import dev.schemagate.kernels.ops.Rope;
import dev.schemagate.kernels.ops.Softmax;
import dev.schemagate.kernels.ops.SwiGlu;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Short tests mostly run the Vector API's Java fallbacks; these loop each kernel until C2 has compiled it (with
 * its intrinsics: lane conversions, SVML exp, masked stores), as HotSpot's own code list reports, and then check
 * the compiled results against scalar references. On a machine too busy to compile within the budget the test
 * is skipped rather than passed on fallback code.
 */
class KernelsAfterWarmupTest {
    private static final long BUDGET_NANOS = 20_000_000_000L;

    /** Whether every method (e.g. {@code "Q4KMatrix.dot"}) has a C2 (level 4) compilation in the code cache. */
    private static boolean compiledByC2(String... methods) {
        String list;
        try {
            list = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerCodelist", new Object[] {null}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
        for (String method : methods) {
            String name = " dev.schemagate.kernels." + method + "(";
            if (list.lines().noneMatch(l -> l.contains(" 4 0" + name))) return false;
        }
        return true;
    }

    /** Calls {@code call} in rounds until C2 has compiled {@code methods}; skips the test past the time budget. */
    private static void warm(Runnable call, String... methods) {
        long start = System.nanoTime();
        while (!compiledByC2(methods)) {
            assumeTrue(System.nanoTime() - start < BUDGET_NANOS, "C2 did not compile " + String.join(", ", methods) + " in time");
            for (int i = 0; i < 300; i++) call.run();
        }
    }

    @Test
    void matrixKernelsGiveTheSameProductsOnceCompiled() {
        Random random = new Random(9);
        for (GgmlType type : new GgmlType[] {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K}) {
            int cols = 256;
            int rows = 5;
            float[] values = new float[rows * cols];
            for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
            WeightMatrix m = WeightMatrices.create(type, cols, MemorySegment.ofArray(WeightMatrices.quantize(type, values, cols)));
            float[] w = KQuantMatricesTest.rowsOf(m);
            String name = m.getClass().getSimpleName();
            boolean f32 = type == GgmlType.F32;
            for (int n : new int[] {1, 6}) {
                float[] x = new float[n * cols];
                for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
                Activations acts = m.newActivations(n);
                m.prepare(x, 0, n, acts);
                float[] out = new float[n * rows];
                String[] kernels = n == 1
                        ? (f32 ? new String[] {"FloatGemm.matvec4", "FloatGemm.matvec1"} : new String[] {name + ".dot"})
                        : (f32 ? new String[] {"FloatGemm.tile4x4"} : new String[] {name + ".decode", "FloatGemm.tile4x4"});
                warm(() -> m.multiply(acts, n, out, 0, rows, 0, rows), kernels);
                for (int i = 0; i < n; i++) {
                    for (int r = 0; r < rows; r++) {
                        double sum = 0;
                        double magnitude = 0;
                        for (int c = 0; c < cols; c++) {
                            sum += (double) w[r * cols + c] * x[i * cols + c];
                            magnitude += Math.abs((double) w[r * cols + c] * x[i * cols + c]);
                        }
                        assertEquals(sum, out[i * rows + r], 1e-5 * magnitude, type + " n=" + n + " row " + r);
                    }
                }
            }
        }
    }

    @Test
    void ggmlOrderHoldsBitForBitOnceCompiled() {
        for (GgmlType type : new GgmlType[] {GgmlType.Q4_1, GgmlType.Q8_0}) {
            int rows = 40;
            int cols = 576;
            int n = 3;
            Random random = new Random(11 + type.ordinal());
            byte[] gguf = Q8RowGroupsMultiplyTest.randomBlocks(type, rows, cols, random);
            WeightMatrix m = Q8RowGroupsMultiplyTest.matrix(type, gguf, rows, cols);
            String name = m.getClass().getSimpleName();
            float[] x = Q8RowGroupsMultiplyTest.activations(n, cols, 0, random);
            Activations acts = m.newActivations(n);
            float[] out = new float[n * rows];
            // three rows: one two-row pass and one single-row pass
            warm(() -> {
                m.prepare(x, 0, n, acts);
                m.multiply(acts, n, out, 0, rows, 0, rows);
            }, "Q8Activations.quantize", name + ".dot1", name + ".dot2");
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < rows; r++) {
                    float expected = Q8Reference.ggmlDot(type, Q8RowGroupsMultiplyTest.row(type, gguf, r, cols), x, i * cols, cols);
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[i * rows + r]),
                            type + " n=" + n + " activation row " + i + " row " + r + ": ggml " + expected + ", compiled kernel " + out[i * rows + r]);
                }
            }
        }
    }

    @Test
    void elementwiseOpsGiveTheSameResultsOnceCompiled() {
        Random random = new Random(10);
        int n = 100;
        float[] logits = new float[n];
        float[] gate = new float[n];
        float[] up = new float[n];
        for (int i = 0; i < n; i++) {
            logits[i] = (float) (random.nextGaussian() * 5);
            gate[i] = (float) (random.nextGaussian() * 5);
            up[i] = (float) random.nextGaussian();
        }
        float[] softmaxCold = logits.clone();
        Softmax.apply(softmaxCold, 0, n);
        float[] swigluCold = new float[n];
        SwiGlu.apply(gate, 0, up, 0, swigluCold, 0, n);
        Rope rope = new Rope(64, 64, 10000f, 64, false);
        Rope neox = new Rope(64, 64, 10000f, 64, true);
        float[] ropeCold = logits.clone();
        rope.rotate(ropeCold, 0, 1, 64, 33);
        neox.rotate(ropeCold, 36, 1, 64, 33);
        long[] mask = {random.nextLong(), random.nextLong()};
        float[] maskCold = logits.clone();
        LogitMask.apply(mask, maskCold, 0, n);

        float[] softmaxHot = new float[n];
        float[] swigluHot = new float[n];
        float[] ropeHot = new float[n];
        float[] maskHot = new float[n];
        warm(() -> {
            System.arraycopy(logits, 0, softmaxHot, 0, n);
            Softmax.apply(softmaxHot, 0, n);
            SwiGlu.apply(gate, 0, up, 0, swigluHot, 0, n);
            System.arraycopy(logits, 0, ropeHot, 0, n);
            rope.rotate(ropeHot, 0, 1, 64, 33);
            neox.rotate(ropeHot, 36, 1, 64, 33);
            System.arraycopy(logits, 0, maskHot, 0, n);
            LogitMask.apply(mask, maskHot, 0, n);
        }, "ops.Softmax.apply", "ops.SwiGlu.apply", "ops.Rope.rotate", "ops.LogitMask.apply");
        // compiled exp may differ from the fallback's Math.exp by an ulp or so
        for (int i = 0; i < n; i++) {
            assertEquals(softmaxCold[i], softmaxHot[i], 4e-6f * softmaxCold[i], "softmax " + i);
            assertEquals(swigluCold[i], swigluHot[i], 4e-6f * Math.abs(swigluCold[i]) + 1e-30f, "swiglu " + i);
            assertEquals(ropeCold[i], ropeHot[i], 1e-6f * (1 + Math.abs(ropeCold[i])), "rope " + i);
        }
        assertArrayEquals(maskCold, maskHot);
    }
}
