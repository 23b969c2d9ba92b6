package dev.schemagate.decoder.model;

/** Hears how far loading a model's weights has come. */
@FunctionalInterface
public interface LoadProgress {
    LoadProgress NONE = (done, total) -> { };

    void layersLoaded(int done, int total);
}
