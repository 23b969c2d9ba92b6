package dev.schemagate.decoder.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemagate.kernels.GgmlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The cached SmolLM2-135M-Instruct Q4_1 file opens with the shapes its model card and llama.cpp report. */
class SmolLmGgufTest {
    static Path smolLm() {
        String cache = System.getProperty("schemagate.cache", System.getProperty("user.home") + "/.cache/schemagate");
        Path model = Path.of(cache, "models", "SmolLM2-135M-Instruct.Q4_1.gguf");
        assumeTrue(Files.isRegularFile(model), model + " is absent: run scripts/fetch-model.sh");
        return model;
    }

    @Test
    void opensWithTheExpectedShapes() throws IOException {
        try (GgufFile file = GgufFile.open(smolLm())) {
            assertEquals(3, file.version());
            assertEquals("llama", file.architecture());
            assertEquals(272, file.tensors().size());
            assertEquals(30, file.getInt("llama.block_count"));
            assertEquals(576, file.getInt("llama.embedding_length"));
            assertEquals(9, file.getInt("llama.attention.head_count"));
            assertEquals(3, file.getInt("llama.attention.head_count_kv"));
            assertEquals(1536, file.getInt("llama.feed_forward_length"));
            assertEquals(49152, file.getStrings("tokenizer.ggml.tokens").size());
            assertEquals("gpt2", file.getString("tokenizer.ggml.model"));
            assertEquals("smollm", file.getString("tokenizer.ggml.pre"));

            GgufTensor embedding = file.tensor("token_embd.weight");
            assertEquals(GgmlType.Q8_0, embedding.type());
            assertEquals(576, embedding.cols());
            assertEquals(49152, embedding.rows());
            assertEquals(49152L * 576 / 32 * 34, embedding.data().byteSize());

            GgufTensor down = file.tensor("blk.0.ffn_down.weight");
            assertEquals(GgmlType.Q4_1, down.type());
            assertEquals(1536, down.cols());
            assertEquals(576, down.rows());
            assertEquals(GgmlType.Q4_1, file.tensor("blk.29.attn_q.weight").type());

            float[] norm = file.tensor("output_norm.weight").toFloats();
            assertEquals(576, norm.length);
            for (float v : norm) assertTrue(Float.isFinite(v) && v != 0);
            for (GgufTensor tensor : file.tensors()) tensor.requireSupported();
        }
    }
}
