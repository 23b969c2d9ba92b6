package dev.schemagate.schemas.shape;

/** Arithmetic on optional upper bounds where -1 means "none". */
final class Bounds {
    private Bounds() {}

    static int minOfMax(int a, int b) {
        if (a < 0) return b;
        if (b < 0) return a;
        return Math.min(a, b);
    }
}
