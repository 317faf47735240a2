package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * What the next {@code step()} reads, as torch's state dict holds it between steps: d, t, the history, H_diag,
     * prev_flat_grad, prev_loss, n_iter, func_evals. ({@code flat_grad} is recomputed by the step's first
     * evaluation.) Everything is copied bit for bit, so a resumed run continues exactly as an uninterrupted one.
     */
    OptimizerState export(String algorithm, int totalEvaluations) {
        Map<String, Double> numbers = new HashMap<>();
        Map<String, float[]> vectors = new LinkedHashMap<>();
        numbers.put("step_length", stepLength);
        numbers.put("h_diag", hDiag);
        numbers.put("previous_loss", previousLoss);
        numbers.put("iterations", (double) iterations);
        numbers.put("func_evals", (double) evaluations);
        numbers.put("history_size", (double) history.capacity());
        numbers.put("pairs", (double) history.size());
        vectors.put("previous_gradient", previousGradient.data().asFloat());
        vectors.put("direction", direction.data().asFloat());
        for (int i = 0; i < history.size(); i++) {
            vectors.put("s" + i, history.step(i).data().asFloat());
            vectors.put("y" + i, history.gradientDiff(i).data().asFloat());
            numbers.put("rho" + i, history.rho(i));
        }
        return new OptimizerState(algorithm, totalEvaluations, numbers, vectors);
    }

    /** Loads a state written by {@link #export} into this fresh state of the same dimension and history size. */
    void restore(OptimizerState saved) {
        if ((int) saved.number("history_size") != history.capacity()) {
            throw new IllegalArgumentException("the checkpoint's L-BFGS history_size is "
                    + (int) saved.number("history_size") + ", the run's " + history.capacity());
        }
        float[] d = saved.vector("direction");
        if (d.length != direction.length()) {
            throw new IllegalArgumentException("the checkpoint's L-BFGS state has " + d.length
                    + " values, the image " + direction.length());
        }
        stepLength = saved.number("step_length");
        hDiag = saved.number("h_diag");
        previousLoss = saved.number("previous_loss");
        iterations = (int) saved.number("iterations");
        evaluations = (int) saved.number("func_evals");
        direction.assign(Nd4j.createFromArray(d));
        previousGradient.assign(Nd4j.createFromArray(saved.vector("previous_gradient")));
        int pairs = (int) saved.number("pairs");
        for (int i = 0; i < pairs; i++) {
            history.restore(saved.vector("s" + i), saved.vector("y" + i), saved.number("rho" + i));
        }
    }

    @Override
    public void close() {
        Vectors.release(gradient);
        Vectors.release(previousGradient);
        Vectors.release(direction);
        history.close();
    }
}
