package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tutorial's closure: project the point in place (optional clamp), evaluate f and ∇f once, count.
 */
final class LbfgsClosure {

    private final DifferentiableFunction function;
    private final ClampEachEvaluation clamp;
    private final Runnable countEvaluation;
    private double lastValue = Double.NaN;

    /**
     * @param clamp           the projection before each evaluation, or null for none
     * @param countEvaluation called before each evaluation; may throw to stop the run (Commons' MaxEval)
     */
    LbfgsClosure(DifferentiableFunction function, ClampEachEvaluation clamp, Runnable countEvaluation) {
        this.function = function;
        this.clamp = clamp;
        this.countEvaluation = countEvaluation;
    }

    /** Clamps {@code point} in place, as torch's closure does to the parameter, then evaluates there. */
    double evaluate(INDArray point, INDArray gradient) {
        countEvaluation.run();
        if (clamp != null) {
            clamp.apply(point);
        }
        lastValue = function.valueAndGradient(point, gradient);
        return lastValue;
    }

    /**
     * torch's {@code _directional_evaluate}: evaluates at x + t·d (clamped) without moving x, using
     * {@code trial} as the scratch point. torch adds t·d to the parameter and restores it afterwards.
     */
    double evaluateAlong(INDArray x, double t, INDArray d, INDArray trial, INDArray gradient) {
        Vectors.copy(x, trial);
        Vectors.axpy(t, d, trial);
        return evaluate(trial, gradient);
    }

    /** The value of the latest evaluation (NaN before the first). */
    double lastValue() {
        return lastValue;
    }
}
