package dev.schemagate.kernels.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ggml build chosen from CPU flags is the one llama.cpp's backend scoring would load. */
class GgmlIsaTest {
    private static final Set<String> ZEN3 = Set.of("fpu", "sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "vaes", "vpclmulqdq");

    @Test
    void avx2WithoutAvx512RunsTheAvx2Build() {
        assertEquals(GgmlIsa.AVX2, GgmlIsa.fromFlags(ZEN3));
    }

    @Test
    void everyAvx512VariantNeedsFoundationConflictVectorLengthDoubleAndByteWord() {
        Set<String> skylakeX = new HashSet<>(ZEN3);
        skylakeX.addAll(Set.of("avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw"));
        assertEquals(GgmlIsa.AVX512, GgmlIsa.fromFlags(skylakeX));
        // Knights Landing: AVX-512 F and CD without VL, DQ, BW; no AVX-512 variant of ggml loads there
        Set<String> knightsLanding = new HashSet<>(ZEN3);
        knightsLanding.addAll(Set.of("avx512f", "avx512cd", "avx512er", "avx512pf"));
        assertEquals(GgmlIsa.AVX2, GgmlIsa.fromFlags(knightsLanding));
    }

    @Test
    void registerWidths() {
        assertEquals(8, GgmlIsa.AVX2.floatLanes());
        assertEquals(16, GgmlIsa.AVX512.floatLanes());
    }
}
