package dev.schemagate.fsm.mask;

import java.util.Arrays;

/**
 * Mask plans by lexer state id, shared by every matcher of a {@link dev.schemagate.fsm.MaskEngine}. Plans
 * are recomputable, so the memory budget is kept by dropping them all when it is exceeded.
 */
public final class PlanCache {
    private final int vocabularySize;
    private final long budgetBytes;
    private MaskPlan[] plans = new MaskPlan[1024];
    private long bytes;

    public PlanCache(int vocabularySize, long budgetBytes) {
        this.vocabularySize = vocabularySize;
        this.budgetBytes = budgetBytes;
    }

    int vocabularySize() {
        return vocabularySize;
    }

    MaskPlan get(int lexState) {
        return lexState < plans.length ? plans[lexState] : null;
    }

    MaskPlan put(int lexState, MaskPlan plan, boolean ownsBase) {
        long size = plan.bytes(ownsBase);
        if (bytes + size > budgetBytes) {
            Arrays.fill(plans, null);
            bytes = 0;
        }
        if (lexState >= plans.length) plans = Arrays.copyOf(plans, Math.max(lexState + 1, plans.length * 2));
        plans[lexState] = plan;
        bytes += size;
        return plan;
    }
}
