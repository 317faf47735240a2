package io.github.neuralstyle4j.optim;

/** Why one {@code step()} of torch.optim.LBFGS returned, in the order torch tests the conditions. */
enum StepOutcome {

    /** max|g| ≤ tolerance_grad at the step's first evaluation: torch returns without iterating. */
    OPTIMAL_AT_START(true),
    /** gᵀd &gt; -tolerance_change: d is no descent direction. */
    NO_DESCENT(true),
    /** n_iter == max_iter. */
    ITERATION_LIMIT(false),
    /** current_evals ≥ max_eval. */
    EVALUATION_LIMIT(false),
    /** max|g| ≤ tolerance_grad after a move. */
    OPTIMAL(true),
    /** max|t·d| ≤ tolerance_change. */
    SMALL_STEP(true),
    /** |loss - prev_loss| &lt; tolerance_change. */
    SMALL_LOSS_CHANGE(true);

    private final boolean converged;

    StepOutcome(boolean converged) {
        this.converged = converged;
    }

    /** Whether torch stopped on a tolerance (true) or on a per-step budget (false). */
    boolean converged() {
        return converged;
    }
}
