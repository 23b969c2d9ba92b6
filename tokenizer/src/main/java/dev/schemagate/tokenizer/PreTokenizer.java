package dev.schemagate.tokenizer;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts normalized text into the pieces BPE runs on. Steps apply in order, each to every piece of the step
 * before, as Hugging Face's Sequence does; the byte-level mapping itself happens later, in the BPE model.
 */
record PreTokenizer(List<Step> steps) {
    /** GPT-2's pattern, used by the ByteLevel pre-tokenizer when use_regex is true. */
    static final String GPT2_PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    sealed interface Step permits IsolatingSplit, PrefixSpace {}

    /** Split with behavior Isolated: every match is a piece, and so is the text between matches. */
    record IsolatingSplit(Pattern pattern) implements Step {}

    /** ByteLevel's add_prefix_space: a piece not starting with a space gets one. */
    record PrefixSpace() implements Step {}

    PreTokenizer {
        steps = List.copyOf(steps);
    }

    void forEachPiece(String text, Consumer<String> sink) {
        if (steps.isEmpty()) {
            if (!text.isEmpty()) sink.accept(text);
            return;
        }
        apply(0, text, sink);
    }

    private void apply(int stepIndex, String text, Consumer<String> sink) {
        if (stepIndex == steps.size()) {
            sink.accept(text);
            return;
        }
        switch (steps.get(stepIndex)) {
            case PrefixSpace _ -> apply(stepIndex + 1, text.startsWith(" ") ? text : " " + text, sink);
            case IsolatingSplit(Pattern pattern) -> {
                Matcher matcher = pattern.matcher(text);
                int end = 0;
                while (matcher.find()) {
                    if (matcher.start() == matcher.end()) continue;
                    if (end < matcher.start()) apply(stepIndex + 1, text.substring(end, matcher.start()), sink);
                    apply(stepIndex + 1, text.substring(matcher.start(), matcher.end()), sink);
                    end = matcher.end();
                }
                if (end < text.length()) apply(stepIndex + 1, text.substring(end), sink);
            }
        }
    }
}
