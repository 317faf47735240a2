package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One call of torch.optim.LBFGS.step(closure) (PyTorch 1.13): up to max_iter L-BFGS iterations
 * (Nocedal 1980; Liu &amp; Nocedal 1989) from the current point, with state carried between calls.
 *
 * <p>The statements follow torch's in order, including its quirks: the very first iteration ever is a
 * gradient-descent step of length min(1, 1/‖g‖₁)·lr; without a line search the point moves by a fixed
 * t·d and is re-evaluated only if the iteration is not the step's last; the clamp of the closure
 * projects the point but the history stores the unprojected s = t·d.
 */
final class TorchLbfgsStep {

    /** torch updates the history only when yᵀs exceeds this, which keeps H positive definite. */
    private static final double CURVATURE_THRESHOLD = 1e-10;

    private final LbfgsSettings settings;
    private final LbfgsState state;
    private final LbfgsClosure closure;
    private final StrongWolfeLineSearch lineSearch; // null for LineSearch.NONE
    private final Runnable countIteration;

    /**
     * @param lineSearch     the strong-Wolfe search, required iff settings ask for it
     * @param countIteration called at the start of each iteration; may throw to stop (Commons' MaxIter)
     */
    TorchLbfgsStep(LbfgsSettings settings, LbfgsState state, LbfgsClosure closure,
            StrongWolfeLineSearch lineSearch, Runnable countIteration) {
        if ((settings.lineSearch() == LineSearch.STRONG_WOLFE) != (lineSearch != null)) {
            throw new IllegalArgumentException("line search object does not match " + settings.lineSearch());
        }
        this.settings = settings;
        this.state = state;
        this.closure = closure;
        this.lineSearch = lineSearch;
        this.countIteration = countIteration;
    }

    /** Runs the step on {@code x}, which is moved (and clamped by the closure) in place. */
    StepOutcome run(INDArray x) {
        INDArray g = state.gradient;
        INDArray d = state.direction;
        double lr = settings.learningRate();
        int maxIter = settings.maxIterationsPerStep();

        double loss = closure.evaluate(x, g);
        int currentEvals = 1;
        state.evaluations++;
        boolean optCond = Vectors.maxAbs(g) <= settings.toleranceGrad();
        if (optCond) {
            return StepOutcome.OPTIMAL_AT_START;
        }

        int nIter = 0;
        while (nIter < maxIter) {
            countIteration.run();
            nIter++;
            state.iterations++;

            // direction
            if (state.iterations == 1) {
                Vectors.negate(g, d);
                state.hDiag = 1;
            } else {
                updateHistory();
                Vectors.negate(g, d);
                state.history.applyInverseHessian(d, state.hDiag);
            }
            Vectors.copy(g, state.previousGradient);
            state.previousLoss = loss;

            // step length
            state.stepLength = state.iterations == 1
                    ? PythonMath.min(1.0, 1.0 / Vectors.sumAbs(g)) * lr
                    : lr;
            double gtd = Vectors.dot(g, d);
            if (gtd > -settings.toleranceChange()) {
                return StepOutcome.NO_DESCENT;
            }

            int lsFuncEvals = 0;
            if (lineSearch != null) {
                StrongWolfeLineSearch.Result found =
                        lineSearch.search(closure, x, state.stepLength, d, loss, g, gtd);
                loss = found.loss();
                Vectors.copy(found.gradient(), g);
                state.stepLength = found.step();
                lsFuncEvals = found.evaluations();
                Vectors.axpy(state.stepLength, d, x);
                optCond = Vectors.maxAbs(g) <= settings.toleranceGrad();
            } else {
                Vectors.axpy(state.stepLength, d, x);
                if (nIter != maxIter) {
                    // torch skips the evaluation on the step's last iteration; the next step starts with one
                    loss = closure.evaluate(x, g);
                    optCond = Vectors.maxAbs(g) <= settings.toleranceGrad();
                    lsFuncEvals = 1;
                }
            }
            currentEvals += lsFuncEvals;
            state.evaluations += lsFuncEvals;

            if (nIter == maxIter) {
                return StepOutcome.ITERATION_LIMIT;
            }
            if (currentEvals >= settings.maxEvaluationsPerStep()) {
                return StepOutcome.EVALUATION_LIMIT;
            }
            if (optCond) {
                return StepOutcome.OPTIMAL;
            }
            if (Math.abs(state.stepLength) * Vectors.maxAbs(d) <= settings.toleranceChange()) {
                return StepOutcome.SMALL_STEP;
            }
            if (Math.abs(loss - state.previousLoss) < settings.toleranceChange()) {
                return StepOutcome.SMALL_LOSS_CHANGE;
            }
        }
        return StepOutcome.ITERATION_LIMIT;
    }

    /** y = g - g_prev, s = t·d; stores the pair and rescales H_diag if the curvature yᵀs is positive. */
    private void updateHistory() {
        LbfgsHistory history = state.history;
        INDArray y = history.candidateGradientDiff();
        INDArray s = history.candidateStep();
        Vectors.difference(state.gradient, state.previousGradient, y);
        Vectors.scaled(state.stepLength, state.direction, s);
        double ys = Vectors.dot(y, s);
        if (ys > CURVATURE_THRESHOLD) {
            double yy = Vectors.dot(y, y);
            history.accept(ys);
            state.hDiag = ys / yy;
        }
    }
}
