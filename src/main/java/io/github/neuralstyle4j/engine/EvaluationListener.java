package io.github.neuralstyle4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Told about every evaluation, for progress display and reports. */
@FunctionalInterface
public interface EvaluationListener {

    void onEvaluation(Evaluation evaluation);

    /**
     * Like {@link #onEvaluation(Evaluation)}, with the evaluated point and its dL/dx, both in the image's CHW order.
     * They are the optimiser's own buffers: read (copy) them during the call, never keep or modify them. The default
     * ignores them, so only a listener that needs them (the regression tests compare the first gradient with
     * PyTorch's) pays for a copy.
     */
    default void onEvaluation(Evaluation evaluation, INDArray point, INDArray gradient) {
        onEvaluation(evaluation);
    }

    /**
     * Called once per run (per stage of a schedule) before the first evaluation, with the run's prepared images:
     * {@link RunImages#toOutput} turns an evaluated point into the image to write (in luminance mode the point is
     * grey and the content's chroma must be put back). The default ignores it.
     */
    default void onStart(RunImages images) {
    }

    EvaluationListener NONE = e -> { };
}
