package dev.schemagate.schemas.number;

/** Which sign classes of values (zero, all positives, all negatives) lie entirely inside the bounds. */
final class SignClasses {
    private SignClasses() {}

    static boolean admitsZero(NumberBounds b) {
        boolean aboveMin = b.min() == null || (b.minExclusive() ? b.min().signum() < 0 : b.min().signum() <= 0);
        boolean belowMax = b.max() == null || (b.maxExclusive() ? b.max().signum() > 0 : b.max().signum() >= 0);
        return aboveMin && belowMax;
    }

    static boolean admitsAllPositive(NumberBounds b) {
        return b.max() == null && (b.min() == null || b.min().signum() <= 0);
    }

    static boolean admitsAllNegative(NumberBounds b) {
        return b.min() == null && (b.max() == null || b.max().signum() >= 0);
    }
}
