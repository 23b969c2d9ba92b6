package dev.schemagate.decoder.model;

import dev.schemagate.kernels.WeightMatrix;

/**
 * A weight matrix plus the index of the per-thread activation scratch it reads. Matrices of the same kernel
 * and width share a slot, so one {@code prepare} serves e.g. both the gate and the up projection.
 */
public record Projection(WeightMatrix matrix, int slot) {
}
