package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What torch.optim.LBFGS keeps in {@code state} from one {@code step()} call to the next
 * (d, t, old_dirs/old_stps/ro, H_diag, prev_flat_grad, prev_loss, n_iter, func_evals), plus the
 * gradient vector that torch re-creates on every evaluation and that is reused here.
 *
 * <p>Working memory, not the point: the point belongs to the caller and outlives this state.
 */
final class LbfgsState implements AutoCloseable {

    /** ∇f at the latest evaluation of a step ({@code flat_grad}). */
    final INDArray gradient;
    /** {@code prev_flat_grad}: the gradient at the start of the previous iteration. */
    final INDArray previousGradient;
    /** {@code d}: the search direction of the latest iteration. */
    final INDArray direction;
    /** {@code old_dirs}, {@code old_stps}, {@code ro}. */
    final LbfgsHistory history;

    /** {@code t}: the step length of the latest iteration. */
    double stepLength = Double.NaN;
    /** {@code H_diag}: γ = yᵀs / yᵀy, the scale of the initial inverse Hessian (Nocedal &amp; Wright, eq. 7.20). */
    double hDiag = 1;
    /** {@code prev_loss}: the loss at the start of the latest iteration. */
    double previousLoss = Double.NaN;
    /** {@code n_iter}: iterations over all steps; the first one ever is a gradient-descent step. */
    int iterations;
    /** {@code func_evals}: evaluations over all steps. */
    int evaluations;

    LbfgsState(long dimension, int historySize) {
        this.gradient = Vectors.allocate(dimension);
        this.previousGradient = Vectors.allocate(dimension);
        this.direction = Vectors.allocate(dimension);
        this.history = new LbfgsHistory(dimension, historySize);
    }

    @Override
    public void close() {
        Vectors.release(gradient);
        Vectors.release(previousGradient);
        Vectors.release(direction);
        history.close();
    }
}
