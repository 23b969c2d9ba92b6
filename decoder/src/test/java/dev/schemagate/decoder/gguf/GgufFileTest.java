package dev.schemagate.decoder.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.schemagate.kernels.GgmlType;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by {@link GgufWriter} read back exactly; malformed files fail with {@link GgufFormatException}. */
class GgufFileTest {
    @TempDir
    Path dir;

    private static final Map<String, GgufValue> EVERY_TYPE = everyType();

    private static Map<String, GgufValue> everyType() {
        GgufValue.Array ints = new GgufValue.Array(GgufValue.Type.INT32,
                List.of(new GgufValue.Int32(-7), new GgufValue.Int32(0), new GgufValue.Int32(Integer.MAX_VALUE)));
        GgufValue.Array strings = new GgufValue.Array(GgufValue.Type.STRING,
                List.of(new GgufValue.Str("Ġt"), new GgufValue.Str(""), new GgufValue.Str("▁naïve 日本 🙂")));
        return Map.ofEntries(
                Map.entry("t.u8", new GgufValue.UInt8(255)),
                Map.entry("t.i8", new GgufValue.Int8((byte) -128)),
                Map.entry("t.u16", new GgufValue.UInt16(65535)),
                Map.entry("t.i16", new GgufValue.Int16((short) -32768)),
                Map.entry("t.u32", new GgufValue.UInt32(4_294_967_295L)),
                Map.entry("t.i32", new GgufValue.Int32(Integer.MIN_VALUE)),
                Map.entry("t.f32", new GgufValue.Float32(-1.5e-7f)),
                Map.entry("t.bool", new GgufValue.Bool(true)),
                Map.entry("t.str", new GgufValue.Str("{% for m in messages %}\n")),
                Map.entry("t.u64", new GgufValue.UInt64(-1L)),
                Map.entry("t.u64small", new GgufValue.UInt64(1L << 40)),
                Map.entry("t.i64", new GgufValue.Int64(Long.MIN_VALUE)),
                Map.entry("t.f64", new GgufValue.Float64(Math.PI)),
                Map.entry("t.ints", ints),
                Map.entry("t.floats", new GgufValue.Array(GgufValue.Type.FLOAT32,
                        List.of(new GgufValue.Float32(0.25f), new GgufValue.Float32(-3f)))),
                Map.entry("t.strings", strings),
                Map.entry("t.empty", new GgufValue.Array(GgufValue.Type.UINT8, List.of())),
                Map.entry("t.nested", new GgufValue.Array(GgufValue.Type.ARRAY, List.of(ints, strings,
                        new GgufValue.Array(GgufValue.Type.BOOL, List.of(new GgufValue.Bool(false)))))));
    }

    private GgufWriter everyTypeWriter(int version) {
        GgufWriter writer = new GgufWriter().version(version).putString("general.architecture", "test");
        new TreeMap<>(EVERY_TYPE).forEach(writer::put);
        return writer;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void everyValueTypeRoundTrips(int version) throws IOException {
        try (GgufFile file = GgufFile.open(everyTypeWriter(version).write(dir.resolve("m.gguf")))) {
            assertEquals(version, file.version());
            assertEquals("test", file.architecture());
            EVERY_TYPE.forEach((key, value) -> assertEquals(value, file.metadata().get(key), key));
            assertEquals(EVERY_TYPE.size() + 1, file.metadata().size());
            assertTrue(file.tensors().isEmpty());
        }
    }

    @Test
    void gettersConvertAndReportMissingOrMistypedKeys() throws IOException {
        try (GgufFile file = GgufFile.open(everyTypeWriter(3).write(dir.resolve("m.gguf")))) {
            assertEquals(255, file.getLong("t.u8"));
            assertEquals(-128, file.getLong("t.i8"));
            assertEquals(65535, file.getInt("t.u16"));
            assertEquals(-32768, file.getInt("t.i16"));
            assertEquals(4_294_967_295L, file.getLong("t.u32"));
            assertEquals(1L << 40, file.getLong("t.u64small"));
            assertEquals(Long.MIN_VALUE, file.getLong("t.i64"));
            assertEquals(9, file.getInt("t.absent", 9));
            assertEquals(-1.5e-7f, file.getFloat("t.f32", 0f));
            assertEquals((float) Math.PI, file.getFloat("t.f64", 0f));
            assertEquals(2.5f, file.getFloat("t.absent", 2.5f));
            assertTrue(file.getBool("t.bool", false));
            assertFalse(file.getBool("t.absent", false));
            assertEquals(List.of("Ġt", "", "▁naïve 日本 🙂"), file.getStrings("t.strings"));
            assertArrayEquals(new int[] {-7, 0, Integer.MAX_VALUE}, file.getInts("t.ints"));
            assertArrayEquals(new float[] {0.25f, -3f}, file.getFloats("t.floats"));
            assertTrue(file.has("t.nested"));

            assertMessage(IllegalArgumentException.class, () -> file.getString("t.absent"), "no metadata key t.absent");
            assertMessage(IllegalArgumentException.class, () -> file.getString("t.u8"), "t.u8 is uint8, not a string");
            assertMessage(IllegalArgumentException.class, () -> file.getInt("t.u32"), "does not fit an int");
            assertMessage(IllegalArgumentException.class, () -> file.getLong("t.u64"), "18446744073709551615 does not fit a long");
            assertMessage(IllegalArgumentException.class, () -> file.getInts("t.strings"), "an array of string, not an array of integers");
            assertMessage(IllegalArgumentException.class, () -> file.getStrings("t.str"), "t.str is string, not an array of strings");
        }
    }

    @Test
    void tensorsKeepTheirDataShapeAndAlignment() throws IOException {
        float[] norm = {1f, -2f, 0.5f, 3.25f, 0f, 7f};
        byte[] q8 = new byte[3 * 2 * 34];
        new Random(7).nextBytes(q8);
        float[] halfs = {0.5f, -1.25f, 65504f, 2f / 1024};
        ByteBuffer f16 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (float h : halfs) f16.putShort(Float.floatToFloat16(h));
        float[] brains = {1.5f, -0.09375f};
        ByteBuffer bf16 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        for (float b : brains) bf16.putShort((short) (Float.floatToRawIntBits(b) >>> 16));
        Path path = new GgufWriter().putString("general.architecture", "test").putUInt32("general.alignment", 64)
                .tensor("norm", GgmlType.F32, norm, 6)
                .rawTensor("embd", GgmlType.Q8_0, q8, 64, 3)
                .rawTensor("half", GgmlType.F16, f16.array(), 2, 2)
                .rawTensor("brain", GgmlType.BF16, bf16.array(), 2)
                .write(dir.resolve("t.gguf"));
        try (GgufFile file = GgufFile.open(path)) {
            assertEquals(List.of("norm", "embd", "half", "brain"), file.tensors().stream().map(GgufTensor::name).toList());
            GgufTensor n = file.tensor("norm");
            assertArrayEquals(norm, n.toFloats());
            assertEquals(6, n.cols());
            assertEquals(1, n.rows());
            GgufTensor e = file.tensor("embd");
            assertEquals(GgmlType.Q8_0, e.type());
            assertArrayEquals(new long[] {64, 3}, e.dims());
            assertEquals(64, e.cols());
            assertEquals(3, e.rows());
            assertEquals(192, e.elementCount());
            assertEquals(64, e.offset());
            assertEquals(e.data().address() - n.data().address(), 64);
            assertArrayEquals(q8, e.data().toArray(ValueLayout.JAVA_BYTE));
            assertMessage(IllegalStateException.class, e::toFloats, "only F32, F16 and BF16");
            assertArrayEquals(halfs, file.tensor("half").toFloats());
            assertEquals(2, file.tensor("half").rows());
            assertArrayEquals(brains, file.tensor("brain").toFloats());
            assertEquals(64 + 256, file.tensor("half").offset());
            assertTrue(file.findTensor("absent").isEmpty());
            assertMessage(IllegalArgumentException.class, () -> file.tensor("blk.9.attn_q.weight"), "no tensor blk.9.attn_q.weight");
        }
    }

    @Test
    void everyTruncationIsReported() throws IOException {
        byte[] bytes = new GgufWriter().putString("general.architecture", "test")
                .putStrings("tokenizer.ggml.tokens", List.of("a", "b", "ab"))
                .putFloat("x.eps", 1e-5f)
                .tensor("a", GgmlType.F32, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 4, 3)
                .tensor("b", GgmlType.F32, new float[] {1, 2}, 2)
                .toBytes();
        Path path = dir.resolve("cut.gguf");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(path, Arrays.copyOf(bytes, length));
            GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufFile.open(path).close(), "cut at " + length);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("out of bounds")
                    || e.getMessage().contains("not a GGUF file"), e.getMessage());
        }
        Files.write(path, bytes);
        GgufFile.open(path).close();
    }

    /** Random byte changes must either still parse or fail as a format error: never an unchecked exception. */
    @Test
    void corruptedBytesNeverEscapeAsUncheckedExceptions() throws IOException {
        byte[] valid = everyTypeWriter(3).tensor("w", GgmlType.F32, new float[64], 32, 2).toBytes();
        Random random = new Random(42);
        Path path = dir.resolve("garbage.gguf");
        int rejected = 0;
        for (int trial = 0; trial < 1000; trial++) {
            byte[] bytes = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) bytes[8 + random.nextInt(bytes.length - 8)] = (byte) random.nextInt(256);
            Files.write(path, bytes);
            try (GgufFile file = GgufFile.open(path)) {
                for (GgufTensor tensor : file.tensors()) assertTrue(tensor.data().byteSize() > 0);
            } catch (GgufFormatException e) {
                rejected++;
            }
        }
        assertTrue(rejected > 50, "only " + rejected + " corrupted files were rejected");
    }

    @Test
    void wrongMagicNamesWhatWasFound() throws IOException {
        Path zip = dir.resolve("model.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        assertMessage(GgufFormatException.class, () -> GgufFile.open(zip), "starts with bytes 50 4B 03 04 (\"PK..\"), not \"GGUF\"");
        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[] {'G', 'G'});
        assertMessage(GgufFormatException.class, () -> GgufFile.open(tiny), "has only 2 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 0x03000000})
    void unsupportedVersionsAreRefused(int version) throws IOException {
        Path path = everyTypeWriter(version).write(dir.resolve("v.gguf"));
        String expected = version == 0x03000000 ? "big-endian" : "unsupported GGUF version " + version;
        assertMessage(GgufFormatException.class, () -> GgufFile.open(path), expected);
    }

    @Test
    void unknownValueTypeIsReported() throws IOException {
        byte[] bytes = new GgufWriter().putUInt32("k", 5).toBytes();
        int typeAt = 24 + 8 + 1; // header, key length, key "k"
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(typeAt, 13);
        Path path = Files.write(dir.resolve("type.gguf"), bytes);
        assertMessage(GgufFormatException.class, () -> GgufFile.open(path), "value of k at offset 33 has unknown value type 13");
    }

    @Test
    void unknownTensorTypeIdIsReported() throws IOException {
        byte[] bytes = new GgufWriter().tensor("w", GgmlType.F32, new float[4], 4).toBytes();
        int typeAt = 24 + 8 + 1 + 4 + 8; // header, name, n_dims, dims[0]
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(typeAt, 4);
        Path path = Files.write(dir.resolve("tensor.gguf"), bytes);
        assertMessage(GgufFormatException.class, () -> GgufFile.open(path), "tensor w at offset 45 has type id 4, which ggml does not define");
    }

    @Test
    void tensorDataBeyondTheFileIsReported() throws IOException {
        byte[] bytes = new GgufWriter().tensor("w", GgmlType.F32, new float[8], 8).toBytes();
        int offsetAt = 24 + 8 + 1 + 4 + 8 + 4;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(offsetAt, 1L << 40);
        Path path = Files.write(dir.resolve("oob.gguf"), bytes);
        assertMessage(GgufFormatException.class, () -> GgufFile.open(path), "tensor data out of bounds: w needs bytes");
    }

    @Test
    void hugeLengthsAreCappedByTheFileSize() throws IOException {
        byte[] bytes = new GgufWriter().putStrings("s", List.of("abc")).toBytes();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int countAt = 24 + 8 + 1 + 4 + 4;
        buffer.putLong(countAt, Long.MAX_VALUE / 2);
        Path path = Files.write(dir.resolve("huge.gguf"), bytes);
        assertMessage(GgufFormatException.class, () -> GgufFile.open(path), "claims 4611686018427387903 string elements");
        buffer.putLong(countAt, 1).putLong(countAt + 8, -5);
        Files.write(path, bytes);
        assertMessage(GgufFormatException.class, () -> GgufFile.open(path), "larger than any file");
    }

    @Test
    void unsupportedTensorTypesAreNamedOnRequest() throws IOException {
        byte[] bytes = new GgufWriter().tensor("blk.0.attn_q.weight", GgmlType.F32, new float[256 * 74 / 4], 74 * 256 / 4).toBytes();
        int nameLength = "blk.0.attn_q.weight".length();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dimAt = 24 + 8 + nameLength + 4;
        buffer.putLong(dimAt, 256).putInt(dimAt + 8, GgmlType.IQ2_XS.id());
        Path path = Files.write(dir.resolve("iq.gguf"), bytes);
        try (GgufFile file = GgufFile.open(path)) {
            GgufTensor tensor = file.tensor("blk.0.attn_q.weight");
            assertEquals(GgmlType.IQ2_XS, tensor.type());
            assertMessage(GgufFormatException.class, tensor::requireSupported,
                    "tensor blk.0.attn_q.weight has type IQ2_XS, which schemagate has no kernel for");
        }
    }

    static void assertMessage(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable action, String part) {
        Throwable thrown = assertThrows(type, action);
        if (thrown.getMessage() == null || !thrown.getMessage().contains(part)) {
            fail("expected a message containing \"" + part + "\" but got: " + thrown.getMessage());
        }
    }
}
