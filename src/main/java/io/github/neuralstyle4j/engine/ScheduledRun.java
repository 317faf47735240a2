package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * The driver around {@link StyleTransferRun}: the stages of a coarse-to-fine schedule (each starting from the
 * previous result, upsampled with Pillow's bilinear filter), snapshots, and the state to resume from or keep.
 * Without a schedule it is one stage at the request's size and budget. Reads and writes no files.
 */
public final class ScheduledRun {

    private ScheduledRun() {
    }

    /**
     * Runs every stage of {@code request}. A run stopped by its stop request or by a non-finite loss returns its
     * best image so far with {@link Result#stoppedBy()} saying why.
     *
     * @param listener told about every evaluation with its point and gradient (beside the request's listener)
     * @throws RunInterruptedException when the run ended before any evaluation finished (nothing to return)
     */
    public static Result run(Request request, RunResources resources, EvaluationListener listener) {
        List<Request.Stage> stages = request.stages();
        Checkpoint resumed = request.resumeFrom();
        SnapshotTaker snapshots = new SnapshotTaker(request.snapshotEvery(),
                resumed != null ? resumed.state().evaluations() : 0, request.listener(), listener);

        List<Result.StageResult> done = new ArrayList<>();
        List<Evaluation> losses = new ArrayList<>();
        StyleTransferRun.Outcome outcome = null;
        for (int i = 0; i < stages.size(); i++) {
            Request.Stage stage = stages.get(i);
            boolean last = i == stages.size() - 1;
            Resize.Size size = Resize.outputSize(request.canvasWidth(), request.canvasHeight(), stage.size());
            StyleTransferRun.Start start;
            boolean keepState = last && request.keepResumeState();
            if (outcome != null) {
                resources.closeSessions(); // the memory plan counts one stage's sessions at a time
                start = new StyleTransferRun.Start(Resize.to(outcome.image(), size.width(), size.height()), null,
                        keepState);
            } else if (resumed != null) {
                RgbImage image = resumed.image();
                if (image.width() != size.width() || image.height() != size.height()) {
                    throw new EngineException("the checkpoint holds a " + image.width() + "×" + image.height()
                            + " image, but this run works at " + size + ": resume with the same content and size");
                }
                start = new StyleTransferRun.Start(image, resumed.state(), keepState);
            } else {
                start = new StyleTransferRun.Start(null, null, keepState);
            }
            request.listener().onStage(i, size.width(), size.height());
            snapshots.stage(size.width(), size.height());
            try {
                outcome = StyleTransferRun.run(request, stage.size(), stage.evaluations(), resources, snapshots,
                        start);
            } catch (RunInterruptedException e) {
                StyleTransferRun.Outcome best = e.bestSoFar();
                if (best == null) {
                    throw e;
                }
                losses.addAll(best.losses());
                done.add(stageResult(stage, best));
                return result(best, done, losses, e.requested() ? Result.StoppedBy.REQUEST
                        : Result.StoppedBy.NON_FINITE_LOSS, e.getMessage(), null);
            }
            losses.addAll(outcome.losses());
            done.add(stageResult(stage, outcome));
        }
        Checkpoint state = request.keepResumeState() && outcome.finalState() != null
                ? new Checkpoint(outcome.lastStepImage(), outcome.finalState()) : null;
        // a stop rule may end every stage; the result says so when it ended the last one
        return outcome.stoppedBy() != null ? result(outcome, done, losses, Result.StoppedBy.STOP_RULE,
                outcome.stoppedBy(), state) : result(outcome, done, losses, Result.StoppedBy.BUDGET, null, state);
    }

    private static Result.StageResult stageResult(Request.Stage stage, StyleTransferRun.Outcome o) {
        return new Result.StageResult(stage.size(), o.width(), o.height(), o.evaluations(), o.seconds(), o.result(),
                o.image());
    }

    private static Result result(StyleTransferRun.Outcome o, List<Result.StageResult> stages,
                                 List<Evaluation> losses, Result.StoppedBy stoppedBy, String message,
                                 Checkpoint state) {
        return new Result(o.image(), o.result(), o.fromBest(), o.lastStepImage(), losses, stages, stoppedBy, message,
                state, o.seconds(), o.times(), o.device(), o.backbone());
    }
}
