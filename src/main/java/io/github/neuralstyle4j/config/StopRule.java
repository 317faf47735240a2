package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When a run stops besides the optimiser's own loop ({@code steps}): an exact evaluation budget, and a convergence
 * rule on the best loss so far. A run stopped by either writes its best evaluated image.
 *
 * <p>The convergence rule: after evaluation n (n &gt; window), stop when the best loss of evaluations 1..n is less
 * than {@code minImprovement} (relative) below the best of evaluations 1..n−window. It looks at the best loss, not
 * the last, because line-search trial points and fixed-step overshoots are sometimes far uphill.
 *
 * @param maxEvaluations stop after exactly this many evaluations (>= 0; 0 = no budget besides {@code steps})
 * @param minImprovement the relative improvement of the best loss over {@code window} evaluations below which the run
 *                       stops (finite, >= 0; 0 = never)
 * @param window         evaluations the improvement is measured over (>= 1)
 */
public record StopRule(int maxEvaluations, double minImprovement, int window) {

    public static final int DEFAULT_WINDOW = 20;
    /** The seed's behaviour: only {@code steps} ends a run. */
    public static final StopRule NONE = new StopRule(0, 0, DEFAULT_WINDOW);

    public StopRule {
        Checks.atLeast(maxEvaluations, 0, "$.max_evaluations");
        Checks.finiteNonNegative(minImprovement, "$.min_improvement");
        Checks.atLeast(window, 1, "$.window");
    }

    /** Whether {@code steps} still bounds the run, i.e. no exact budget was given. */
    public boolean hasBudget() {
        return maxEvaluations > 0;
    }

    /** The same rule with another exact budget (0 = none). */
    public StopRule withMaxEvaluations(int evaluations) {
        return new StopRule(evaluations, minImprovement, window);
    }

    @JsonCreator
    static StopRule fromJson(@JsonProperty("max_evaluations") Integer maxEvaluations,
                             @JsonProperty("min_improvement") Double minImprovement,
                             @JsonProperty("window") Integer window) {
        return new StopRule(maxEvaluations != null ? maxEvaluations : 0,
                minImprovement != null ? minImprovement : 0, window != null ? window : DEFAULT_WINDOW);
    }
}
