package dev.schemagate.benchmarks.maskbench;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.fsm.Matcher;
import dev.schemagate.tokenizer.BpeTokenizer;
import java.util.List;

/**
 * MaskBench's procedure for a grammar and sample inputs (all expected valid) instead of a schema file: TTFM
 * is grammar text to ready matcher, then each input is tokenized as it is and walked token by token, one TBM
 * sample per mask + check + commit. The result is one {@link FileResult} whose tests are the inputs.
 */
public final class GrammarInputsRunner {
    private final ConstraintFrontEnd frontEnd;
    private final BpeTokenizer tokenizer;
    private final long[] mask;

    public GrammarInputsRunner(ConstraintFrontEnd frontEnd, BpeTokenizer tokenizer, int maskWords) {
        this.frontEnd = frontEnd;
        this.tokenizer = tokenizer;
        this.mask = new long[maskWords];
    }

    /** @param rejected receives the index of every input the grammar rejected */
    public FileResult run(String name, String grammarText, List<String> inputs, List<Integer> rejected) {
        long start = System.nanoTime();
        Matcher matcher;
        try {
            CompiledConstraint constraint = frontEnd.compile(TextNode.valueOf(grammarText));
            matcher = constraint.matcher();
        } catch (RuntimeException | StackOverflowError e) {
            return FileResult.notRun(name, FileStatus.COMPILE_ERROR, inputs.size(), FileResult.describe(e));
        }
        long ttfmUs = (System.nanoTime() - start) / 1000;
        MicrosSamples tbm = new MicrosSamples();
        InstanceWalk walk = new InstanceWalk(matcher, mask, tbm);
        for (int i = 0; i < inputs.size(); i++) {
            matcher.reset();
            if (!walk.accepts(tokenizer.encode(inputs.get(i)))) rejected.add(i);
        }
        FileStatus status = rejected.isEmpty() ? FileStatus.PASSING : FileStatus.FAILING;
        return new FileResult(name, status, walk.error, ttfmUs, walk.tokens, inputs.size(), rejected.size(), 0, walk.stepExceptions, tbm);
    }

    /** The summary of a single grammar run, as MaskBench reports a run of many files. */
    public static MaskBenchSummary summary(FileResult result) {
        MaskBenchTally tally = new MaskBenchTally();
        tally.add(result);
        return tally.summary();
    }

    /** The per-schema JSONL line of a result. */
    public static String jsonLine(FileResult result) {
        return result.toJson().toString();
    }
}
