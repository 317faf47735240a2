package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.config.StopRule;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link StopRule} to a run's evaluations, in order: after each one, {@link #check} throws
 * {@link StopRuleMetException} once the budget is spent or the best loss has stopped improving.
 */
final class StopRuleWatch {

    private final StopRule rule;
    /** bestSoFar.get(i) = the lowest total of evaluations 1..i+1 */
    private final List<Double> bestSoFar = new ArrayList<>();

    StopRuleWatch(StopRule rule) {
        this.rule = rule;
    }

    /** @throws StopRuleMetException when the run should end after {@code e} */
    void check(Evaluation e) {
        double best = bestSoFar.isEmpty() ? e.total() : Math.min(e.total(), bestSoFar.get(bestSoFar.size() - 1));
        bestSoFar.add(best);
        int n = bestSoFar.size();
        if (rule.hasBudget() && n >= rule.maxEvaluations()) {
            throw new StopRuleMetException("the budget of " + rule.maxEvaluations() + " evaluations was spent");
        }
        if (rule.minImprovement() > 0 && n > rule.window()) {
            double before = bestSoFar.get(n - 1 - rule.window());
            if (before - best < rule.minImprovement() * before) {
                throw new StopRuleMetException(String.format("the best loss improved by %.2g %% over the last %d"
                        + " evaluations (the rule's minimum is %.2g %%)", 100 * (before - best) / before,
                        rule.window(), 100 * rule.minImprovement()));
            }
        }
    }
}
