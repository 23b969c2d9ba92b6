package dev.schemagate.decoder.model;

import dev.schemagate.decoder.gguf.GgufWriter;
import dev.schemagate.kernels.GgmlType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes small random models of each architecture and tensor type as real GGUF files, with a byte-level
 * tokenizer of 256 byte tokens plus ChatML control tokens, so loader and forward-pass tests need no download.
 */
public final class TinyModels {
    public static final int DIM = 256;
    public static final int FFN = 512;
    public static final int HEADS = 4;
    public static final int KV_HEADS = 2;
    public static final int HEAD_DIM = 64;
    public static final int LAYERS = 2;
    public static final List<String> CONTROL_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");
    public static final int VOCAB = 256 + CONTROL_TOKENS.size();
    public static final int IM_END = 258;

    private TinyModels() {
    }

    /**
     * @param matrixType type of every projection and of the embedding; norms stay F32
     * @param tiedOutput whether the embedding doubles as the output head
     */
    public static Path write(Path file, Architecture arch, GgmlType matrixType, boolean tiedOutput, long seed) throws IOException {
        Random random = new Random(seed);
        String p = arch.ggufName() + ".";
        GgufWriter w = new GgufWriter()
                .putString("general.architecture", arch.ggufName())
                .putUInt32(p + "block_count", LAYERS)
                .putUInt32(p + "context_length", 512)
                .putUInt32(p + "embedding_length", DIM)
                .putUInt32(p + "feed_forward_length", FFN)
                .putUInt32(p + "attention.head_count", HEADS)
                .putUInt32(p + "attention.head_count_kv", KV_HEADS)
                .putUInt32(p + "attention.key_length", HEAD_DIM)
                .putUInt32(p + "rope.dimension_count", HEAD_DIM)
                .putFloat(p + "rope.freq_base", 10_000f)
                .putFloat(p + "attention.layer_norm_rms_epsilon", 1e-5f);
        tokenizer(w);
        w.tensor("token_embd.weight", matrixType, gaussian(random, VOCAB * DIM, 1f), DIM, VOCAB);
        for (int l = 0; l < LAYERS; l++) {
            String b = "blk." + l + ".";
            w.tensor(b + "attn_norm.weight", GgmlType.F32, norm(random, DIM), DIM);
            w.tensor(b + "attn_q.weight", matrixType, gaussian(random, DIM * HEADS * HEAD_DIM, 0.08f), DIM, HEADS * HEAD_DIM);
            w.tensor(b + "attn_k.weight", matrixType, gaussian(random, DIM * KV_HEADS * HEAD_DIM, 0.08f), DIM, KV_HEADS * HEAD_DIM);
            w.tensor(b + "attn_v.weight", matrixType, gaussian(random, DIM * KV_HEADS * HEAD_DIM, 0.08f), DIM, KV_HEADS * HEAD_DIM);
            if (arch.attentionBias()) {
                w.tensor(b + "attn_q.bias", GgmlType.F32, gaussian(random, HEADS * HEAD_DIM, 0.3f), HEADS * HEAD_DIM);
                w.tensor(b + "attn_k.bias", GgmlType.F32, gaussian(random, KV_HEADS * HEAD_DIM, 0.3f), KV_HEADS * HEAD_DIM);
                w.tensor(b + "attn_v.bias", GgmlType.F32, gaussian(random, KV_HEADS * HEAD_DIM, 0.3f), KV_HEADS * HEAD_DIM);
            }
            if (arch.qkNorm()) {
                w.tensor(b + "attn_q_norm.weight", GgmlType.F32, norm(random, HEAD_DIM), HEAD_DIM);
                w.tensor(b + "attn_k_norm.weight", GgmlType.F32, norm(random, HEAD_DIM), HEAD_DIM);
            }
            w.tensor(b + "attn_output.weight", matrixType, gaussian(random, HEADS * HEAD_DIM * DIM, 0.08f), HEADS * HEAD_DIM, DIM);
            w.tensor(b + "ffn_norm.weight", GgmlType.F32, norm(random, DIM), DIM);
            w.tensor(b + "ffn_gate.weight", matrixType, gaussian(random, DIM * FFN, 0.08f), DIM, FFN);
            w.tensor(b + "ffn_up.weight", matrixType, gaussian(random, DIM * FFN, 0.08f), DIM, FFN);
            w.tensor(b + "ffn_down.weight", matrixType, gaussian(random, FFN * DIM, 0.06f), FFN, DIM);
        }
        w.tensor("output_norm.weight", GgmlType.F32, norm(random, DIM), DIM);
        if (!tiedOutput) w.tensor("output.weight", matrixType, gaussian(random, VOCAB * DIM, 0.08f), DIM, VOCAB);
        return w.write(file);
    }

    /** GPT-2's byte-to-character table, written out from its definition: printable bytes map to themselves. */
    private static void tokenizer(GgufWriter w) {
        List<String> tokens = new ArrayList<>();
        int[] types = new int[VOCAB];
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            tokens.add(Character.toString(printable ? b : 256 + shifted++));
            types[b] = 1;
        }
        for (int i = 0; i < CONTROL_TOKENS.size(); i++) {
            tokens.add(CONTROL_TOKENS.get(i));
            types[256 + i] = 3;
        }
        w.putString("tokenizer.ggml.model", "gpt2")
                .putString("tokenizer.ggml.pre", "gpt2")
                .putStrings("tokenizer.ggml.tokens", tokens)
                .putInts("tokenizer.ggml.token_type", types)
                .putStrings("tokenizer.ggml.merges", List.of())
                .putUInt32("tokenizer.ggml.bos_token_id", 256)
                .putUInt32("tokenizer.ggml.eos_token_id", IM_END)
                .putBool("tokenizer.ggml.add_bos_token", false)
                .putString("tokenizer.chat_template",
                        "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
                                + "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}");
    }

    private static float[] gaussian(Random random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) random.nextGaussian() * scale;
        return v;
    }

    private static float[] norm(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = 1f + (float) random.nextGaussian() * 0.1f;
        return v;
    }
}
