package dev.schemagate.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A byte-level BPE tokenizer loaded from a Hugging Face tokenizer.json (Llama-3, Qwen2/3, GPT-2 style), encoding
 * exactly as the Rust library does with add_special_tokens=false, or built from parts with {@link #fromComponents}.
 * Safe to share between threads.
 */
public final class BpeTokenizer implements Tokenizer {
    private static final List<String> END_OF_SEQUENCE_TOKENS =
            List.of("<|end_of_text|>", "<|eot_id|>", "<|eom_id|>", "<|endoftext|>", "<|im_end|>", "</s>");

    private final Map<String, Integer> vocab;
    private final Map<String, AddedToken> addedTokens;
    private final AddedTokenSplitter rawSplitter;
    private final AddedTokenSplitter normalizedSplitter;
    private final TextNormalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final BpeModel model;
    private final TokenVocabulary vocabulary;
    private final OptionalInt bos;

    private BpeTokenizer(Map<String, Integer> vocab, List<AddedToken> added, TextNormalizer normalizer,
                         PreTokenizer preTokenizer, BpeModel model, OptionalInt bos) {
        this.vocab = vocab;
        this.addedTokens = new HashMap<>();
        for (AddedToken token : added) addedTokens.put(token.content(), token);
        this.rawSplitter = new AddedTokenSplitter(added.stream().filter(t -> !t.normalized()).toList());
        this.normalizedSplitter = new AddedTokenSplitter(added.stream().filter(AddedToken::normalized)
                .map(t -> new AddedToken(t.id(), normalizer.apply(t.content()), t.special(), t.singleWord(),
                        t.lstrip(), t.rstrip(), true))
                .toList());
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
        this.vocabulary = buildVocabulary(vocab, added);
        this.bos = bos;
    }

    /**
     * @throws IOException                   if the file cannot be read or is not JSON
     * @throws UnsupportedTokenizerException if it is not a byte-level BPE tokenizer this class reproduces exactly
     */
    public static BpeTokenizer load(Path tokenizerJson) throws IOException {
        TokenizerJson json = TokenizerJson.read(tokenizerJson);
        ObjectNode model = json.model();
        if (!"BPE".equals(model.path("type").asText())) {
            throw new UnsupportedTokenizerException("model type " + model.path("type") + " is not BPE");
        }
        requireAbsentOrEmpty(model, "continuing_subword_prefix");
        requireAbsentOrEmpty(model, "end_of_word_suffix");
        if (!model.path("dropout").isNull() && !model.path("dropout").isMissingNode()) {
            throw new UnsupportedTokenizerException("BPE dropout is not deterministic");
        }
        Map<String, Integer> vocab = json.vocab();
        MergeTable merges = mergeTable(json.merges(), vocab);
        boolean ignoreMerges = model.path("ignore_merges").asBoolean(false);

        List<AddedToken> added = new ArrayList<>();
        for (JsonNode t : json.root().path("added_tokens")) {
            boolean special = t.path("special").asBoolean(false);
            added.add(new AddedToken(t.path("id").asInt(), t.path("content").asText(), special,
                    t.path("single_word").asBoolean(false), t.path("lstrip").asBoolean(false),
                    t.path("rstrip").asBoolean(false), t.path("normalized").asBoolean(!special)));
        }
        requireByteLevelDecoder(json.root().path("decoder"));
        return new BpeTokenizer(vocab, added, readNormalizer(json.root().path("normalizer")),
                readPreTokenizer(json.root().path("pre_tokenizer")), new BpeModel(vocab, merges, ignoreMerges, false),
                readBos(json.root().path("post_processor")));
    }

    /**
     * A byte-level BPE tokenizer from its parts, as a GGUF file stores them: no normalizer, no added tokens (the
     * caller splits special tokens off first), no BOS, and no end-of-sequence ids.
     *
     * @param vocab         token strings in GPT-2's byte-level alphabet to ids; a byte without a single-byte token
     *                      is dropped from the output, as llama.cpp drops it
     * @param merges        rules as their two token strings in rank order; a pair listed twice keeps its last rank,
     *                      as Hugging Face does, so a caller wanting the first must drop later duplicates
     * @param splitPatterns regexes (Oniguruma syntax) cutting the text in turn, each as a Split with behavior Isolated
     * @param ignoreMerges  a pre-token that is itself in {@code vocab} becomes that one token without merging
     * @throws UnsupportedTokenizerException if a token is not byte-level, a merge uses an unknown token, or a
     *                                       pattern cannot be matched exactly
     */
    public static BpeTokenizer fromComponents(Map<String, Integer> vocab, List<String[]> merges,
                                              List<String> splitPatterns, boolean ignoreMerges) {
        Map<String, Integer> tokens = Map.copyOf(vocab);
        List<PreTokenizer.Step> steps = new ArrayList<>();
        for (String pattern : splitPatterns) steps.add(new PreTokenizer.IsolatingSplit(OnigurumaPattern.compile(pattern)));
        return new BpeTokenizer(tokens, List.of(), TextNormalizer.NONE, new PreTokenizer(steps),
                new BpeModel(tokens, mergeTable(merges, tokens), ignoreMerges, true), OptionalInt.empty());
    }

    private static void requireAbsentOrEmpty(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty()) {
            throw new UnsupportedTokenizerException("BPE " + field + " " + value + " is not supported");
        }
    }

    private static MergeTable mergeTable(List<String[]> rules, Map<String, Integer> vocab) {
        MergeTable merges = new MergeTable(rules.size());
        for (int rank = 0; rank < rules.size(); rank++) {
            String left = rules.get(rank)[0];
            String right = rules.get(rank)[1];
            Integer leftId = vocab.get(left);
            Integer rightId = vocab.get(right);
            Integer mergedId = vocab.get(left + right);
            if (leftId == null || rightId == null || mergedId == null) {
                throw new UnsupportedTokenizerException(
                        "merge rule [" + left + ", " + right + "] uses a token missing from the vocabulary");
            }
            merges.put(leftId, rightId, rank, mergedId);
        }
        return merges;
    }

    private static TextNormalizer readNormalizer(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) return TextNormalizer.NONE;
        List<Normalizer.Form> forms = new ArrayList<>();
        collectNormalizerForms(node, forms);
        return new TextNormalizer(forms);
    }

    private static void collectNormalizerForms(JsonNode node, List<Normalizer.Form> forms) {
        String type = node.path("type").asText();
        switch (type) {
            case "Sequence" -> node.path("normalizers").forEach(n -> collectNormalizerForms(n, forms));
            case "NFC", "NFD", "NFKC", "NFKD" -> forms.add(Normalizer.Form.valueOf(type));
            default -> throw new UnsupportedTokenizerException("normalizer " + type + " is not supported");
        }
    }

    /** Split and ByteLevel steps, ByteLevel last: the byte mapping must see the final pieces. */
    private static PreTokenizer readPreTokenizer(JsonNode node) {
        List<JsonNode> nodes = new ArrayList<>();
        if ("Sequence".equals(node.path("type").asText())) node.path("pretokenizers").forEach(nodes::add);
        else if (!node.isNull() && !node.isMissingNode()) nodes.add(node);
        if (nodes.isEmpty() || !"ByteLevel".equals(nodes.getLast().path("type").asText())) {
            throw new UnsupportedTokenizerException("not a byte-level tokenizer: the pre-tokenizer must end with ByteLevel");
        }
        List<PreTokenizer.Step> steps = new ArrayList<>();
        for (JsonNode step : nodes) {
            switch (step.path("type").asText()) {
                case "Split" -> steps.add(readSplit(step));
                case "ByteLevel" -> {
                    if (step != nodes.getLast()) throw new UnsupportedTokenizerException("ByteLevel must be the last pre-tokenizer");
                    if (step.path("add_prefix_space").asBoolean(false)) steps.add(new PreTokenizer.PrefixSpace());
                    if (step.path("use_regex").asBoolean(true)) {
                        steps.add(new PreTokenizer.IsolatingSplit(OnigurumaPattern.compile(PreTokenizer.GPT2_PATTERN)));
                    }
                }
                default -> throw new UnsupportedTokenizerException("pre-tokenizer " + step.path("type").asText() + " is not supported");
            }
        }
        return new PreTokenizer(steps);
    }

    private static PreTokenizer.Step readSplit(JsonNode step) {
        if (!"Isolated".equals(step.path("behavior").asText()) || step.path("invert").asBoolean(false)) {
            throw new UnsupportedTokenizerException("Split pre-tokenizer: only behavior Isolated without invert is supported, got "
                    + step.path("behavior").asText() + (step.path("invert").asBoolean(false) ? " inverted" : ""));
        }
        JsonNode pattern = step.path("pattern");
        if (pattern.has("Regex")) return new PreTokenizer.IsolatingSplit(OnigurumaPattern.compile(pattern.get("Regex").asText()));
        if (pattern.has("String")) {
            return new PreTokenizer.IsolatingSplit(Pattern.compile(pattern.get("String").asText(), Pattern.LITERAL));
        }
        throw new UnsupportedTokenizerException("Split pattern " + pattern + " is not supported");
    }

    /** The special token a TemplateProcessing post-processor puts before a single sequence, as Llama-3's does. */
    private static OptionalInt readBos(JsonNode node) {
        if ("Sequence".equals(node.path("type").asText())) {
            for (JsonNode processor : node.path("processors")) {
                OptionalInt bos = readBos(processor);
                if (bos.isPresent()) return bos;
            }
            return OptionalInt.empty();
        }
        if (!"TemplateProcessing".equals(node.path("type").asText())) return OptionalInt.empty();
        JsonNode first = node.path("single").path(0).path("SpecialToken");
        if (first.isMissingNode()) return OptionalInt.empty();
        JsonNode ids = node.path("special_tokens").path(first.path("id").asText()).path("ids");
        return ids.size() == 1 ? OptionalInt.of(ids.get(0).asInt()) : OptionalInt.empty();
    }

    private static void requireByteLevelDecoder(JsonNode decoder) {
        if (decoder.isNull() || decoder.isMissingNode() || "ByteLevel".equals(decoder.path("type").asText())) return;
        throw new UnsupportedTokenizerException("decoder " + decoder.path("type").asText() + " is not ByteLevel");
    }

    private static TokenVocabulary buildVocabulary(Map<String, Integer> vocab, List<AddedToken> added) {
        int size = 0;
        for (int id : vocab.values()) size = Math.max(size, id + 1);
        for (AddedToken token : added) size = Math.max(size, token.id() + 1);
        byte[][] bytes = new byte[size][];
        boolean[] special = new boolean[size];
        for (Map.Entry<String, Integer> entry : vocab.entrySet()) {
            byte[] decoded = ByteLevelAlphabet.decode(entry.getKey());
            if (decoded == null) {
                throw new UnsupportedTokenizerException("vocabulary token " + entry.getKey() + " is not byte-level");
            }
            bytes[entry.getValue()] = decoded;
        }
        // An added token is matched on raw text, so its bytes are its content's UTF-8, whatever the model vocab says.
        Set<String> endNames = Set.copyOf(END_OF_SEQUENCE_TOKENS);
        List<Integer> endOfSequence = new ArrayList<>();
        for (AddedToken token : added) {
            bytes[token.id()] = token.content().getBytes(StandardCharsets.UTF_8);
            special[token.id()] = token.special();
            if (endNames.contains(token.content())) endOfSequence.add(token.id());
        }
        for (int id = 0; id < size; id++) {
            if (bytes[id] == null) {
                bytes[id] = new byte[0];
                special[id] = true;
            }
        }
        return new TokenVocabulary(bytes, special, endOfSequence.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    /** Token ids for {@code text}, adding no special tokens; added tokens' text becomes their ids. */
    @Override
    public int[] encode(String text) {
        IdBuffer out = new IdBuffer();
        for (AddedTokenSplitter.Piece raw : rawSplitter.split(text)) {
            if (raw.token() != null) {
                out.add(raw.token().id());
                continue;
            }
            String normalized = normalizer.apply(text.substring(raw.start(), raw.end()));
            for (AddedTokenSplitter.Piece piece : normalizedSplitter.split(normalized)) {
                if (piece.token() != null) out.add(piece.token().id());
                else preTokenizer.forEachPiece(normalized.substring(piece.start(), piece.end()), p -> out.addAll(model.encode(p)));
            }
        }
        return out.toArray();
    }

    @Override
    public TokenVocabulary vocabulary() {
        return vocabulary;
    }

    /** The token tokenizer.json's post-processor puts first (Llama-3's {@code <|begin_of_text|>}), if any. */
    @Override
    public OptionalInt bos() {
        return bos;
    }

    @Override
    public boolean addBos() {
        return bos.isPresent();
    }

    /** The id of a token given as tokenizer.json spells it: an added token's content or a byte-level string ("ĠParis"). */
    public OptionalInt tokenId(String tokenString) {
        AddedToken added = addedTokens.get(tokenString);
        if (added != null) return OptionalInt.of(added.id());
        Integer id = vocab.get(tokenString);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    private static final class IdBuffer {
        private int[] ids = new int[64];
        private int size;

        void add(int id) {
            if (size == ids.length) ids = Arrays.copyOf(ids, size * 2);
            ids[size++] = id;
        }

        void addAll(int[] more) {
            if (size + more.length > ids.length) ids = Arrays.copyOf(ids, Math.max(size * 2, size + more.length));
            System.arraycopy(more, 0, ids, size, more.length);
            size += more.length;
        }

        int[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }
}
