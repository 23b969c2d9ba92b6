package dev.schemagate.decoder.tokens;

import dev.schemagate.decoder.gguf.GgufFile;
import dev.schemagate.decoder.gguf.GgufFormatException;
import dev.schemagate.tokenizer.BpeTokenizer;
import dev.schemagate.tokenizer.TokenVocabulary;
import dev.schemagate.tokenizer.Tokenizer;
import dev.schemagate.tokenizer.UnsupportedTokenizerException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokenizer a GGUF file describes, encoding as llama.cpp does with parse_special on and no BOS added:
 * {@code gpt2} (byte-level BPE, run by the tokenizer module's {@link BpeTokenizer}) or {@code llama}
 * (SentencePiece BPE over token scores with byte fallback).
 *
 * <p>End-of-sequence ids: the file's eos, eot and eom token ids, plus every control token whose text is one of
 * the usual end-of-turn markers ({@code <|im_end|>}, {@code <|eot_id|>}, {@code <|endoftext|>}, ...), the names
 * llama.cpp also treats as ending generation. Control, unknown and unused tokens are special in the
 * {@link #vocabulary()}; user-defined tokens are not (their text spells them).
 */
public final class GgufTokenizer implements Tokenizer {
    private static final Set<String> END_OF_TURN = Set.of("<|eot_id|>", "<|eom_id|>", "<|im_end|>", "<|end|>",
            "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>", "<EOT>", "</s>");
    private static final Pattern BYTE_TOKEN = Pattern.compile("<0x([0-9A-Fa-f]{2})>");
    private static final String SPACE_MARK = "\u2581";

    private final String model;
    private final SpecialTokenSplitter splitter;
    private final TextEncoder encoder;
    private final boolean addSpacePrefix;
    private final TokenVocabulary vocabulary;
    private final OptionalInt bos;
    private final boolean addBos;

    /** Encodes one fragment of text between special tokens, appending ids. */
    private interface TextEncoder {
        void encode(String text, IntConsumer out);
    }

    private GgufTokenizer(String model, SpecialTokenSplitter splitter, TextEncoder encoder, boolean addSpacePrefix,
                          TokenVocabulary vocabulary, OptionalInt bos, boolean addBos) {
        this.model = model;
        this.splitter = splitter;
        this.encoder = encoder;
        this.addSpacePrefix = addSpacePrefix;
        this.vocabulary = vocabulary;
        this.bos = bos;
        this.addBos = addBos;
    }

    /**
     * @throws GgufFormatException           if the tokenizer metadata is missing or inconsistent
     * @throws UnsupportedTokenizerException if the file names a tokenizer model or pre-tokenizer not supported here
     */
    public static GgufTokenizer load(GgufFile gguf) throws GgufFormatException {
        requireKey(gguf, "tokenizer.ggml.model");
        requireKey(gguf, "tokenizer.ggml.tokens");
        String model = gguf.getString("tokenizer.ggml.model");
        List<String> texts = gguf.getStrings("tokenizer.ggml.tokens");
        int n = texts.size();
        TokenType[] types = new TokenType[n];
        Arrays.fill(types, TokenType.NORMAL);
        if (gguf.has("tokenizer.ggml.token_type")) {
            int[] ids = gguf.getInts("tokenizer.ggml.token_type");
            if (ids.length < n) throw new GgufFormatException("tokenizer.ggml.token_type has " + ids.length + " entries for " + n + " tokens");
            for (int i = 0; i < n; i++) types[i] = TokenType.of(ids[i]);
        }
        Map<String, Integer> idsByText = new HashMap<>(n * 2);
        for (int id = 0; id < n; id++) {
            String text = texts.get(id);
            if (text.isEmpty()) continue;
            Integer earlier = idsByText.putIfAbsent(text, id);
            if (earlier != null) throw new GgufFormatException("duplicate token \"" + text + "\" in the vocabulary: ids " + earlier + " and " + id);
        }
        List<Integer> inText = new ArrayList<>();
        for (int id = 0; id < n; id++) if (types[id].matchedInText()) inText.add(id);
        SpecialTokenSplitter splitter = new SpecialTokenSplitter(texts, inText);

        byte[][] bytes = new byte[n][];
        boolean[] special = new boolean[n];
        for (int id = 0; id < n; id++) {
            special[id] = types[id].special();
            if (texts.get(id).isEmpty()) {
                bytes[id] = new byte[0];
                special[id] = true;
            } else if (types[id] != TokenType.NORMAL && types[id] != TokenType.UNDEFINED) {
                bytes[id] = rawBytes(texts.get(id), types[id]);
            }
        }

        boolean spm;
        TextEncoder encoder;
        boolean addBosByDefault;
        switch (model) {
            case "gpt2" -> {
                spm = false;
                BpePreTokenizer pre = BpePreTokenizer.named(gguf.has("tokenizer.ggml.pre") ? gguf.getString("tokenizer.ggml.pre") : "(absent)");
                Map<String, Integer> bpeVocab = new HashMap<>(n * 2);
                for (int id = 0; id < n; id++) if (bytes[id] == null) bpeVocab.put(texts.get(id), id);
                BpeTokenizer bpe = BpeTokenizer.fromComponents(bpeVocab, merges(gguf), pre.splitPatterns(), pre.ignoreMerges());
                for (int id = 0; id < n; id++) if (bytes[id] == null) bytes[id] = bpe.vocabulary().bytes(id);
                encoder = (text, out) -> {
                    for (int id : bpe.encode(text)) out.accept(id);
                };
                addBosByDefault = pre.addBosByDefault();
            }
            case "llama" -> {
                spm = true;
                float[] scores = new float[n];
                if (gguf.has("tokenizer.ggml.scores")) {
                    float[] stored = gguf.getFloats("tokenizer.ggml.scores");
                    if (stored.length < n) throw new GgufFormatException("tokenizer.ggml.scores has " + stored.length + " entries for " + n + " tokens");
                    System.arraycopy(stored, 0, scores, 0, n);
                }
                for (int id = 0; id < n; id++) {
                    if (bytes[id] == null) bytes[id] = texts.get(id).replace(SPACE_MARK, " ").getBytes(StandardCharsets.UTF_8);
                }
                SentencePieceEncoder spmEncoder = new SentencePieceEncoder(Map.copyOf(idsByText), scores, byteTokens(idsByText));
                encoder = (text, out) -> spmEncoder.encode(text.replace(" ", SPACE_MARK), out);
                addBosByDefault = true;
            }
            default -> throw new UnsupportedTokenizerException("tokenizer model \"" + model
                    + "\" (tokenizer.ggml.model) is not supported; supported: gpt2, llama");
        }

        OptionalInt bos = tokenId(gguf, "tokenizer.ggml.bos_token_id", n, spm ? 1 : -1);
        boolean addBos = gguf.getBool("tokenizer.ggml.add_bos_token", addBosByDefault);
        if (addBos && bos.isEmpty()) throw new GgufFormatException("tokenizer.ggml.add_bos_token is true but the file has no BOS token id");
        Set<Integer> eos = new TreeSet<>();
        tokenId(gguf, "tokenizer.ggml.eos_token_id", n, spm ? 2 : -1).ifPresent(eos::add);
        tokenId(gguf, "tokenizer.ggml.eot_token_id", n, -1).ifPresent(eos::add);
        tokenId(gguf, "tokenizer.ggml.eom_token_id", n, -1).ifPresent(eos::add);
        for (int id = 0; id < n; id++) {
            if (types[id] == TokenType.CONTROL && END_OF_TURN.contains(texts.get(id))) eos.add(id);
        }
        TokenVocabulary vocabulary = new TokenVocabulary(bytes, special, eos.stream().mapToInt(Integer::intValue).toArray());
        boolean addSpacePrefix = gguf.getBool("tokenizer.ggml.add_space_prefix", spm);
        return new GgufTokenizer(model, splitter, encoder, spm && addSpacePrefix, vocabulary, bos, addBos);
    }

    private static void requireKey(GgufFile gguf, String key) throws GgufFormatException {
        if (!gguf.has(key)) throw new GgufFormatException("GGUF file " + gguf.path() + " has no tokenizer: " + key + " is missing");
    }

    /** Rules "left right", split at the first space after the first character; a repeated pair keeps its first rank, as in llama.cpp. */
    private static List<String[]> merges(GgufFile gguf) throws GgufFormatException {
        requireKey(gguf, "tokenizer.ggml.merges");
        List<String[]> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String rule : gguf.getStrings("tokenizer.ggml.merges")) {
            int space = rule.indexOf(' ', 1);
            if (space < 0) throw new GgufFormatException("malformed merge rule \"" + rule + "\" in tokenizer.ggml.merges");
            if (seen.add(rule)) rules.add(new String[] {rule.substring(0, space), rule.substring(space + 1)});
        }
        return rules;
    }

    /** What a non-normal token stands for: a byte token its byte, the others their text. */
    private static byte[] rawBytes(String text, TokenType type) {
        if (type == TokenType.BYTE) {
            Matcher m = BYTE_TOKEN.matcher(text);
            if (!m.matches()) throw new UnsupportedTokenizerException("byte token \"" + text + "\" is not of the form <0xXX>");
            return new byte[] {(byte) Integer.parseInt(m.group(1), 16)};
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Each byte's {@code <0xXX>} token, else the token spelling that single character, as llama.cpp's byte_to_token. */
    private static int[] byteTokens(Map<String, Integer> idsByText) {
        int[] tokens = new int[256];
        for (int b = 0; b < 256; b++) {
            Integer id = idsByText.get(String.format("<0x%02X>", b));
            if (id == null && b < 0x80) id = idsByText.get(String.valueOf((char) b));
            tokens[b] = id == null ? -1 : id;
        }
        return tokens;
    }

    private static OptionalInt tokenId(GgufFile gguf, String key, int vocabularySize, int fallback) {
        long id = gguf.has(key) ? gguf.getLong(key) : fallback;
        return id >= 0 && id < vocabularySize ? OptionalInt.of((int) id) : OptionalInt.empty();
    }

    @Override
    public int[] encode(String text) {
        IdBuffer out = new IdBuffer();
        boolean afterSpecial = true;
        for (SpecialTokenSplitter.Fragment fragment : splitter.split(text)) {
            if (!fragment.isText()) {
                out.accept(fragment.token());
                afterSpecial = true;
                continue;
            }
            String piece = text.substring(fragment.start(), fragment.end());
            // llama.cpp's SentencePiece path puts a space before the text that starts the input or follows a special token.
            encoder.encode(addSpacePrefix && afterSpecial ? " " + piece : piece, out);
            afterSpecial = false;
        }
        return out.toArray();
    }

    @Override
    public TokenVocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public OptionalInt bos() {
        return bos;
    }

    @Override
    public boolean addBos() {
        return addBos;
    }

    /** tokenizer.ggml.model: "gpt2" or "llama". */
    public String model() {
        return model;
    }

    private static final class IdBuffer implements IntConsumer {
        private int[] ids = new int[64];
        private int size;

        @Override
        public void accept(int id) {
            if (size == ids.length) ids = Arrays.copyOf(ids, size * 2);
            ids[size++] = id;
        }

        int[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }
}
