package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.config.SnapshotSpec;
import io.github.neuralstyle4j.image.ImageWriter;
import io.github.neuralstyle4j.image.RgbImage;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;

/**
 * Writes the evaluated image every N evaluations. Numbers run on over the stages of a schedule and over a resumed
 * run, so file names never repeat.
 */
final class SnapshotWriter implements EvaluationListener {

    private final SnapshotSpec spec;
    private final Path folder;
    private final EvaluationListener next;
    private int count;
    private int width;
    private int height;
    private RunImages images;

    /** @param folder what relative snapshot paths are resolved against */
    SnapshotWriter(SnapshotSpec spec, Path folder, int evaluationsBefore, EvaluationListener next) {
        this.spec = spec;
        this.folder = folder;
        this.count = evaluationsBefore;
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
        next.onEvaluation(evaluation);
    }

    @Override
    public void onEvaluation(Evaluation evaluation, INDArray point, INDArray gradient) {
        count++;
        if (spec.every() > 0 && count % spec.every() == 0) {
            RgbImage evaluated = RgbImage.of(width, height, point.reshape(point.length()).toFloatVector());
            // the written image, as the run's output would be (the content's chroma back in luminance mode)
            ImageWriter.write(images != null ? images.toOutput(evaluated) : evaluated,
                    folder.resolve(spec.fileFor(count)));
        }
        next.onEvaluation(evaluation, point, gradient);
    }
}
