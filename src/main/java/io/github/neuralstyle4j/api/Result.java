package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.engine.Checkpoint;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.engine.PhaseTimes;
import io.github.neuralstyle4j.image.RgbImage;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What a {@link StyleTransfer#run} produced.
 *
 * @param image         the stylized image (of the last stage): the optimiser's last point, or the best evaluated
 *                      one when that is better or the run stopped early
 * @param evaluation    the losses of {@code image}
 * @param fromBest      true when {@code image} is the best evaluated point rather than the optimiser's last one
 * @param lastStepImage the seed's output: the optimiser's point after its last step, whether or not it is better
 * @param losses        every evaluation of every stage, in order
 * @param stages        what each stage did
 * @param stoppedBy     why the run ended
 * @param stopMessage   why it ended early, in words (for {@link StoppedBy#STOP_RULE} which part of the rule held);
 *                      null when {@link StoppedBy#BUDGET}
 * @param resumeState   the state to resume from (see {@link Request#keepResumeState()}), else null
 * @param seconds       optimisation time of the last stage
 * @param times         where the last stage's evaluations spent their time
 * @param device        where the graphs ran, e.g. {@code cpu}
 * @param backbone      the backbone's name
 */
public record Result(RgbImage image, Evaluation evaluation, boolean fromBest, RgbImage lastStepImage,
                     List<Evaluation> losses, List<StageResult> stages, StoppedBy stoppedBy, String stopMessage,
                     Checkpoint resumeState, double seconds, PhaseTimes times, String device, String backbone) {

    /** Why a run ended. */
    public enum StoppedBy {
        /** It made its evaluation budget, or the optimiser converged. */
        BUDGET,
        /** The request's {@link Convergence#stopRule()} ended its last stage; the image is the best evaluated one. */
        STOP_RULE,
        /** Its {@link Request#stop()} was requested. */
        REQUEST,
        /** The loss or its gradient stopped being finite; the image is the best before that. */
        NON_FINITE_LOSS
    }

    /**
     * One stage of the run.
     *
     * @param size        the stage's size (shorter side)
     * @param width       its working width
     * @param height      its working height
     * @param evaluations evaluations it made
     * @param seconds     its optimisation time
     * @param result      the losses of its image
     * @param image       its image, which the next stage starts from (upsampled)
     */
    public record StageResult(int size, int width, int height, int evaluations, double seconds, Evaluation result,
                              RgbImage image) {
    }

    /** Copies the lists. */
    public Result {
        losses = List.copyOf(losses);
        stages = List.copyOf(stages);
    }

    /** {@link #image()} as an opaque 8-bit RGB image. */
    public BufferedImage bufferedImage() {
        return image.toBufferedImage();
    }

    /** Evaluations made over all stages. */
    public int evaluations() {
        return losses.size();
    }

    /** The image's width. */
    public int width() {
        return image.width();
    }

    /** The image's height. */
    public int height() {
        return image.height();
    }

    /** Optimisation time over all stages. */
    public double totalSeconds() {
        return stages.stream().mapToDouble(StageResult::seconds).sum();
    }

    /** True unless the run was interrupted (a stop request, a non-finite loss). */
    public boolean completed() {
        return stoppedBy == StoppedBy.BUDGET || stoppedBy == StoppedBy.STOP_RULE;
    }
}
