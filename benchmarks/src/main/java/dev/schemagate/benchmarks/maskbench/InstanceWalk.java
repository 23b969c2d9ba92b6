package dev.schemagate.benchmarks.maskbench;

import dev.schemagate.fsm.Matcher;

/**
 * Instances through one matcher, token by token, as MaskBench times them: per token, fill mask + check + commit
 * is one TBM sample. Tokens, step exceptions and the first error add up over the instances.
 */
final class InstanceWalk {
    private final Matcher matcher;
    private final long[] mask;
    private final MicrosSamples tbm;
    long tokens;
    int stepExceptions;
    String error;

    InstanceWalk(Matcher matcher, long[] mask, MicrosSamples tbm) {
        this.matcher = matcher;
        this.mask = mask;
        this.tbm = tbm;
    }

    /** Whether every token was allowed and the matcher accepts at the end; the matcher is left where it stopped. */
    boolean accepts(int[] ids) {
        tbm.reserve(ids.length);
        for (int id : ids) {
            long stepStart = System.nanoTime();
            boolean allowed;
            try {
                matcher.fillMask(mask);
                allowed = (mask[id >>> 6] & (1L << id)) != 0 && matcher.commit(id);
            } catch (RuntimeException | StackOverflowError e) {
                allowed = false;
                failed(e);
            }
            tbm.add((System.nanoTime() - stepStart) / 1000);
            tokens++;
            if (!allowed) return false;
        }
        try {
            return matcher.isAccepting();
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    private void failed(Throwable e) {
        stepExceptions++;
        if (error == null) error = FileResult.describe(e);
    }
}
