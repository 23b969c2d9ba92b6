package dev.schemagate.decoder;

import dev.schemagate.decoder.chat.ChatTemplate;
import dev.schemagate.decoder.gguf.GgufFile;
import dev.schemagate.decoder.model.LoadProgress;
import dev.schemagate.decoder.model.ModelConfig;
import dev.schemagate.decoder.model.ModelWeights;
import dev.schemagate.decoder.model.Transformer;
import dev.schemagate.decoder.tokens.GgufTokenizer;
import dev.schemagate.kernels.parallel.ThreadTeam;
import dev.schemagate.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A GGUF model ready to run: its weights repacked for the kernels, its tokenizer and chat template, and the
 * thread team its forward passes run on. Keeps the file mapped until closed.
 */
public final class Model implements AutoCloseable {
    private final GgufFile gguf;
    private final ModelWeights weights;
    private final Tokenizer tokenizer;
    private final ChatTemplate chatTemplate;
    private final ThreadTeam team;

    private Model(GgufFile gguf, ModelWeights weights, Tokenizer tokenizer, ChatTemplate chatTemplate, ThreadTeam team) {
        this.gguf = gguf;
        this.weights = weights;
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
        this.team = team;
    }

    /**
     * @param threads  threads of every forward pass (the caller's plus threads-1 workers)
     * @param progress hears each layer repacked
     * @throws IOException when the file is unreadable, not GGUF, or names an architecture, tokenizer or tensor
     *                     type this engine does not support
     */
    public static Model load(Path path, int threads, LoadProgress progress) throws IOException {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        GgufFile gguf = GgufFile.open(path);
        try {
            ModelConfig config = ModelConfig.of(gguf);
            Tokenizer tokenizer = GgufTokenizer.load(gguf);
            ModelWeights weights = ModelWeights.load(gguf, config, progress);
            ChatTemplate template = gguf.has("tokenizer.chat_template") ? ChatTemplate.fromGguf(gguf) : null;
            return new Model(gguf, weights, tokenizer, template, new ThreadTeam(threads));
        } catch (IOException | RuntimeException e) {
            gguf.close();
            throw e;
        }
    }

    public ModelConfig config() {
        return weights.config();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Optional<ChatTemplate> chatTemplate() {
        return Optional.ofNullable(chatTemplate);
    }

    public int threads() {
        return team.size();
    }

    public Path path() {
        return gguf.path();
    }

    /**
     * A forward pass with its own scratch; batches of up to {@code maxRows} rows, sequences up to
     * {@code maxPositions} long. Transformers of one model share its threads, so run one at a time.
     */
    public Transformer newTransformer(int maxRows, int maxPositions) {
        return new Transformer(weights, team, maxRows, Math.min(maxPositions, config().contextLength()));
    }

    @Override
    public void close() {
        team.close();
        gguf.close();
    }
}
