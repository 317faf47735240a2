package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.engine.EvaluationListener;
import io.github.neuralstyle4j.engine.RunInterruptedException;
import io.github.neuralstyle4j.engine.RunResources;
import io.github.neuralstyle4j.engine.StyleTransferRun;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * The driver of a run whose plan has tiled stages: each stage in turn, full frame ({@link StyleTransferRun}, as
 * {@link io.github.neuralstyle4j.engine.ScheduledRun} runs it) or on tiles ({@link TiledStage}), each starting from
 * the previous stage's image upsampled; finished stages and tiles go to the tiling's folder when it has one, and come
 * back from it on a restart. Snapshots, when asked for, are of the whole image after each tile and stage.
 */
public final class TiledRun {

    private TiledRun() {
    }

    /**
     * Runs every stage of {@code plan}. A stop request or a non-finite loss ends the run with the image so far.
     *
     * @throws RunInterruptedException when it ended before any evaluation finished
     */
    public static Result run(Request request, TilePlan plan, RunResources resources, EvaluationListener engine) {
        if (request.resumeFrom() != null) {
            throw new IllegalArgumentException("a tiled run resumes from its tile folder (Tiling.withFolder), not"
                    + " from a checkpoint");
        }
        TileStore store = request.tiling().folder() == null ? null : TileStore.open(request.tiling().folder(),
                TileFingerprint.of(request, plan), plan.describe());
        RunTally tally = new RunTally(request, engine);
        List<Result.StageResult> stages = new ArrayList<>();
        RgbImage previous = null;
        StageOutcome outcome = null;
        for (int i = 0; i < plan.stages().size(); i++) {
            TilePlan.StagePlan sp = plan.stages().get(i);
            request.listener().onStage(i, sp.width(), sp.height());
            TileStore.Stored stored = store != null ? store.stage(i) : null;
            if (stored == null && i > 0) {
                resources.closeSessions(); // the plan counts one stage's sessions at a time
            }
            if (stored != null) {
                outcome = StageOutcome.stored(stored);
            } else if (sp.tiled()) {
                outcome = new TiledStage(request, sp, i, resources, tally, store).run(previous);
            } else {
                outcome = fullFrame(request, sp, previous, resources, tally);
            }
            stages.add(new Result.StageResult(sp.size(), sp.width(), sp.height(), outcome.evaluations(),
                    outcome.seconds(), outcome.result(), outcome.image()));
            if (outcome.interrupted()) {
                break;
            }
            if (store != null && stored == null) {
                store.saveStage(i, new TileStore.Stored(outcome.image(), outcome.result(), outcome.evaluations()));
            }
            tally.snapshot(outcome.image());
            previous = outcome.image();
        }
        Result.StoppedBy stoppedBy = outcome.stoppedBy() != null ? outcome.stoppedBy() : Result.StoppedBy.BUDGET;
        return new Result(outcome.image(), outcome.result(), false, outcome.image(), tally.losses(), stages,
                stoppedBy, outcome.message(), null, outcome.seconds(), outcome.times(),
                resources.options().deviceName(), resources.backbone().manifest().name());
    }

    private static StageOutcome fullFrame(Request request, TilePlan.StagePlan sp, RgbImage previous,
                                          RunResources resources, RunTally tally) {
        StyleTransferRun.Start start = previous == null ? StyleTransferRun.Start.FRESH
                : new StyleTransferRun.Start(Resize.to(previous, sp.width(), sp.height()), null, false);
        try {
            StyleTransferRun.Outcome o = StyleTransferRun.run(request, sp.size(), sp.evaluations(), resources,
                    tally.listener(), start);
            return new StageOutcome(o.image(), o.result(), o.losses(), o.evaluations(), o.seconds(), o.times(),
                    o.stoppedBy() != null ? Result.StoppedBy.STOP_RULE : null, o.stoppedBy());
        } catch (RunInterruptedException e) {
            StyleTransferRun.Outcome best = e.bestSoFar();
            if (best == null) {
                throw e;
            }
            return new StageOutcome(best.image(), best.result(), best.losses(), best.evaluations(), best.seconds(),
                    best.times(), e.requested() ? Result.StoppedBy.REQUEST : Result.StoppedBy.NON_FINITE_LOSS,
                    e.getMessage());
        }
    }
}
