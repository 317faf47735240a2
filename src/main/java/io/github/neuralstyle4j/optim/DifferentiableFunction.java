package io.github.neuralstyle4j.optim;

import org.apache.commons.math3.optim.OptimizationData;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An objective f and its gradient ∇f from one evaluation.
 *
 * <p>Both come from one call because in neural style transfer each evaluation is a full forward and
 * backward pass of the network; the optimiser never asks twice for the same point.
 */
@FunctionalInterface
public interface DifferentiableFunction extends OptimizationData {

    /**
     * Evaluates the function at {@code x}.
     *
     * @param x        the point: a flat float32 vector; must not be modified (the optimiser owns it)
     * @param gradient where to write ∇f(x): a flat float32 vector of the same length as {@code x}
     * @return f(x)
     */
    double valueAndGradient(INDArray x, INDArray gradient);
}
