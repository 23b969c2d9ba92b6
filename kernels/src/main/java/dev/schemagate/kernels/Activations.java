package dev.schemagate.kernels;

/** Per-thread scratch holding activation rows in the form one kind of {@link WeightMatrix} reads. */
public interface Activations {
    /** The most rows {@link WeightMatrix#prepare} may put here. */
    int capacity();
}
