package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.image.RgbImage;

/**
 * Told about a run's progress: every evaluation, the start of every stage and tile, and a snapshot every
 * {@link Request#snapshotEvery()} evaluations (in a tiled run, of the whole image after each tile instead). Called on the thread that called {@link StyleTransfer#run}; a
 * listener that throws ends the run with that exception.
 */
@FunctionalInterface
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = e -> { };

    /** After each evaluation of the loss (numbers start at 1 in each stage). */
    void onEvaluation(Evaluation evaluation);

    /**
     * Before a stage's first evaluation (a run without a schedule is one stage).
     *
     * @param stage  the stage's index, from 0
     * @param width  the stage's working width in pixels
     * @param height the stage's working height in pixels
     */
    default void onStage(int stage, int width, int height) {
    }

    /**
     * Before a tile of a tiled stage ({@link Tiling}) starts, or is taken finished from the tiling's folder;
     * evaluation numbers start at 1 again in each tile.
     *
     * @param stage     the stage's index, from 0
     * @param tile      the tile's index, from 0, row by row
     * @param tiles     the stage's tile count
     * @param fromStore true when the tile was finished by an earlier run and is not recomputed
     */
    default void onTile(int stage, int tile, int tiles, boolean fromStore) {
    }

    /**
     * The evaluated image every {@link Request#snapshotEvery()} evaluations, as the result would show it (with the
     * content's colours put back when they are preserved).
     *
     * @param evaluation the evaluation's number, counted over all stages and over the run a resume continues
     */
    default void onSnapshot(int evaluation, RgbImage image) {
    }

    /** Something went wrong that does not stop the run (a snapshot that could not be written), said once. */
    default void onWarning(String message) {
    }
}
