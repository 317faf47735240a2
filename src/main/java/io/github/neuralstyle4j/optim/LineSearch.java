package io.github.neuralstyle4j.optim;

/** How an L-BFGS iteration chooses its step length: torch.optim.LBFGS's {@code line_search_fn}. */
public enum LineSearch {

    /**
     * {@code line_search_fn=None}: a fixed step {@code t = lr} (on the very first iteration
     * {@code t = min(1, 1/‖g‖₁)·lr}), with one evaluation after the move.
     */
    NONE,

    /**
     * {@code line_search_fn="strong_wolfe"}: torch's {@code _strong_wolfe} (bracketing and zoom with
     * cubic interpolation; Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Algorithms 3.5 and 3.6)
     * with c1 = 1e-4, c2 = 0.9 and at most 25 evaluations per search.
     */
    STRONG_WOLFE
}
