package dev.schemagate.tokenizer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prints Llama-3 encode speed on the MaskBench instances of the reference corpus; a measurement, not a check. */
class EncodeThroughputTest {
    private static final int WARM_PASSES = 5;

    @Test
    void printsEncodeSpeed() throws IOException {
        List<String> texts = ReferenceFiles.referenceCases("llama3").stream()
                .filter(c -> c.kind().equals("maskbench")).map(ReferenceFiles.Case::text).toList();
        assertTrue(!texts.isEmpty(), "the reference corpus has no MaskBench instances");
        BpeTokenizer tokenizer = ReferenceFiles.tokenizer("llama3");

        long start = System.nanoTime();
        long tokens = encodeAll(tokenizer, texts);
        report("first pass (cold pre-token cache)", tokens, System.nanoTime() - start);

        start = System.nanoTime();
        long warmTokens = 0;
        for (int pass = 0; pass < WARM_PASSES; pass++) warmTokens += encodeAll(tokenizer, texts);
        report("next " + WARM_PASSES + " passes (warm)", warmTokens, System.nanoTime() - start);
    }

    private static long encodeAll(BpeTokenizer tokenizer, List<String> texts) {
        long tokens = 0;
        for (String text : texts) tokens += tokenizer.encode(text).length;
        return tokens;
    }

    private static void report(String what, long tokens, long nanos) {
        System.out.printf("llama3 encode, MaskBench instances, %s: %,d tokens in %.1f ms = %,.0f tokens/s%n",
                what, tokens, nanos / 1e6, tokens / (nanos / 1e9));
    }
}
