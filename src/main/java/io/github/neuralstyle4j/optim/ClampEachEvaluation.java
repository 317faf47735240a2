package io.github.neuralstyle4j.optim;

import org.apache.commons.math3.optim.OptimizationData;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Clamps every coordinate into [lower, upper] in place before each evaluation and once at the end.
 *
 * <p>This is the PyTorch neural-style tutorial's {@code input_img.data.clamp_(0, 1)} inside the
 * closure: a projection of the optimiser's own point, not a bound the L-BFGS update knows about.
 * As in torch, the L-BFGS history still records the unprojected step {@code s = t·d}.
 *
 * @param lower the smallest allowed value (may be -∞)
 * @param upper the largest allowed value (may be +∞), at least {@code lower}
 */
public record ClampEachEvaluation(double lower, double upper) implements OptimizationData {

    public ClampEachEvaluation {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("need lower <= upper, got [" + lower + ", " + upper + "]");
        }
    }

    /** The tutorial's range for images scaled to [0, 1]. */
    public static ClampEachEvaluation unitInterval() {
        return new ClampEachEvaluation(0, 1);
    }

    /** Clamps {@code x} in place (torch's {@code clamp_}) and returns it. */
    public INDArray apply(INDArray x) {
        return Vectors.clamp(x, lower, upper);
    }
}
