package dev.schemagate.kernels.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jdk.incubator.vector.FloatVector;

/**
 * Which x86 build of ggml's CPU backend the float operation order follows. llama.cpp ships one backend per CPU
 * generation and loads the best one the CPU runs: with AVX-512 (F, CD, VL, DQ and BW, what every AVX-512 variant
 * requires) it sums in 16-lane registers, otherwise (the Haswell variant: AVX2, FMA, F16C) in 8-lane ones. The two
 * round differently in the vector {@code exp} (SwiGLU, softmax), the softmax sums and the f16 dot product of flash
 * attention; the quantized dot products are the same AVX2 code in both.
 */
public enum GgmlIsa {
    /** ggml's {@code __AVX2__ && __FMA__} paths: 8-lane float registers. */
    AVX2(8),
    /** ggml's {@code __AVX512F__ && __AVX512DQ__} paths: 16-lane float registers. */
    AVX512(16);

    /** What every AVX-512 variant of ggml's CPU backend requires (its {@code GGML_AVX512} feature check). */
    private static final List<String> AVX512_FLAGS = List.of("avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw");

    /** The order of the CPU this JVM runs on; {@code -Dschemagate.ggml.isa=avx2|avx512} overrides it. */
    public static final GgmlIsa HOST = detect();

    private final int floatLanes;

    GgmlIsa(int floatLanes) {
        this.floatLanes = floatLanes;
    }

    /** Floats per ggml vector register: the width of its loop blocks and lane reductions. */
    public int floatLanes() {
        return floatLanes;
    }

    /**
     * The property if set, else the CPU flags of {@code /proc/cpuinfo}, else (no such file) the JVM's preferred vector
     * width, which is 512 bits exactly where AVX-512 is usable.
     */
    private static GgmlIsa detect() {
        String forced = System.getProperty("schemagate.ggml.isa");
        if (forced != null) {
            try {
                return valueOf(forced.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("schemagate.ggml.isa must be avx2 or avx512, got '" + forced + "'", e);
            }
        }
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> fromFlags(Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))))
                    .orElseGet(GgmlIsa::fromJvm);
        } catch (IOException | UncheckedIOException e) {
            return fromJvm();
        }
    }

    /** The order for a CPU with these {@code /proc/cpuinfo} flags. */
    static GgmlIsa fromFlags(Set<String> flags) {
        return flags.containsAll(AVX512_FLAGS) ? AVX512 : AVX2;
    }

    private static GgmlIsa fromJvm() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? AVX512 : AVX2;
    }
}
