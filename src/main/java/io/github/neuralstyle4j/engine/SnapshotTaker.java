package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.api.RunListener;
import io.github.neuralstyle4j.image.RgbImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Passes every evaluation on, and every N evaluations the evaluated image (as the result would show it) to the
 * request's listener. Numbers run on over the stages of a schedule and over a resumed run, so they never repeat.
 */
final class SnapshotTaker implements EvaluationListener {

    private final int every;
    private final RunListener listener;
    private final EvaluationListener next;
    private int count;
    private int width;
    private int height;
    private RunImages images;

    /** @param every evaluations between snapshots; 0 for none */
    SnapshotTaker(int every, int evaluationsBefore, RunListener listener, EvaluationListener next) {
        this.every = every;
        this.count = evaluationsBefore;
        this.listener = listener;
        this.next = next;
    }

    /** The image size of the stage about to run. */
    void stage(int stageWidth, int stageHeight) {
        width = stageWidth;
        height = stageHeight;
    }

    @Override
    public void onStart(RunImages runImages) {
        images = runImages;
        next.onStart(runImages);
    }

    @Override
    public void onEvaluation(Evaluation evaluation) {
        count++;
        listener.onEvaluation(evaluation);
        next.onEvaluation(evaluation);
    }

    @Override
    public void onEvaluation(Evaluation evaluation, INDArray point, INDArray gradient) {
        count++;
        if (every > 0 && count % every == 0) {
            RgbImage evaluated = RgbImage.of(width, height, point.reshape(point.length()).toFloatVector());
            // the written image, as the run's output would be (the content's chroma back in luminance mode)
            listener.onSnapshot(count, images != null ? images.toOutput(evaluated) : evaluated);
        }
        listener.onEvaluation(evaluation);
        next.onEvaluation(evaluation, point, gradient);
    }
}
