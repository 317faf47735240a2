package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.engine.PhaseTimes;
import io.github.neuralstyle4j.image.RgbImage;

import java.util.List;

/**
 * What one stage of a tiled run produced.
 *
 * @param image       the stage's image (the blended canvas of a tiled stage)
 * @param result      its losses: full frame the image's own; tiled, the mean over the tiles of each tile's final
 *                    losses (its own style and content terms; the whole image is never evaluated at once)
 * @param losses      the evaluations the stage made in this process (none when taken from the tile folder)
 * @param evaluations the evaluations the stage made, including those of tiles taken from the folder
 * @param seconds     its optimisation time in this process
 * @param times       where its last run's evaluations spent their time
 * @param stoppedBy   why it ended early, or null when it completed
 * @param message     why, in words, or null
 */
record StageOutcome(RgbImage image, Evaluation result, List<Evaluation> losses, int evaluations, double seconds,
                    PhaseTimes times, Result.StoppedBy stoppedBy, String message) {

    StageOutcome {
        losses = List.copyOf(losses);
    }

    /** Whether a stop request or a non-finite loss ended it before its budget. */
    boolean interrupted() {
        return stoppedBy == Result.StoppedBy.REQUEST || stoppedBy == Result.StoppedBy.NON_FINITE_LOSS;
    }

    /** A stage taken finished from the tile folder. */
    static StageOutcome stored(TileStore.Stored s) {
        return new StageOutcome(s.image(), s.result(), List.of(), s.evaluations(), 0, new PhaseTimes(), null, null);
    }
}
