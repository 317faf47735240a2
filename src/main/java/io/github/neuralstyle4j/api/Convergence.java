package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.config.StopRule;

/**
 * How a {@link Request}'s optimisation is steered besides the optimiser's own settings.
 *
 * @param stopRule           also stop after exactly {@code maxEvaluations} evaluations per stage (replacing the
 *                           budget), or when the best loss gains less than {@code minImprovement} over {@code window}
 *                           evaluations; the image is then the best evaluated one ({@link StopRule#NONE}: the budget
 *                           alone)
 * @param projectedGradient  hand the optimiser the gradient of f∘clamp, zero where a pixel at 0 or 1 would be pushed
 *                           further out, which a line search needs to avoid stalling on saturated pixels (see
 *                           {@link io.github.neuralstyle4j.optim.ProjectedGradient}); false: the seed's raw gradient
 * @param normalizeGradients divide each loss term's feature gradient by its L1 norm before its weight applies
 *                           (neural-style's {@code -normalize_gradients}); needs the Gram matrices on the host
 */
public record Convergence(StopRule stopRule, boolean projectedGradient, boolean normalizeGradients) {

    /** The seed's: the budget alone, the raw gradient, no normalisation. */
    public static final Convergence SEED = new Convergence(StopRule.NONE, false, false);

    /** @throws IllegalArgumentException if the stop rule is missing */
    public Convergence {
        Validation.required(stopRule, "stop rule (StopRule.NONE for the budget alone)");
    }
}
