package io.github.neuralstyle4j.optim;

import org.apache.commons.math3.optim.OptimizationData;

/**
 * The outer loop of the PyTorch neural-style tutorial: keep calling {@code step()} while at most
 * {@code evaluations} evaluations have been made.
 *
 * <p>Since a step with torch's defaults makes 20 evaluations, {@code new EvaluationTarget(300)}
 * (the tutorial's {@code num_steps = 300}) ends after 16 steps and 320 evaluations.
 *
 * @param evaluations the tutorial's {@code num_steps}, positive
 */
public record EvaluationTarget(int evaluations) implements OptimizationData {

    public EvaluationTarget {
        if (evaluations <= 0) {
            throw new IllegalArgumentException("evaluations must be positive, got " + evaluations);
        }
    }
}
