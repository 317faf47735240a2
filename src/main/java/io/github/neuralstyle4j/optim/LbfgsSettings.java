package io.github.neuralstyle4j.optim;

import java.util.Objects;

import org.apache.commons.math3.optim.OptimizationData;

/**
 * The hyper-parameters of torch.optim.LBFGS, one field per constructor argument.
 *
 * @param learningRate          {@code lr}: the step length t of every iteration but the very first
 * @param maxIterationsPerStep  {@code max_iter}: L-BFGS iterations per {@code step()}
 * @param maxEvaluationsPerStep {@code max_eval}: evaluations after which a {@code step()} stops early
 * @param toleranceGrad         {@code tolerance_grad}: stop once max|∇f| is at most this
 * @param toleranceChange       {@code tolerance_change}: stop once the step, the loss change or the
 *                              directional derivative is this small
 * @param historySize           {@code history_size}: curvature pairs (s, y) kept
 * @param lineSearch            {@code line_search_fn}
 */
public record LbfgsSettings(double learningRate, int maxIterationsPerStep, int maxEvaluationsPerStep,
        double toleranceGrad, double toleranceChange, int historySize, LineSearch lineSearch)
        implements OptimizationData {

    public LbfgsSettings {
        requirePositive("learningRate", learningRate);
        requirePositive("maxIterationsPerStep", maxIterationsPerStep);
        requirePositive("maxEvaluationsPerStep", maxEvaluationsPerStep);
        requireNonNegative("toleranceGrad", toleranceGrad);
        requireNonNegative("toleranceChange", toleranceChange);
        requirePositive("historySize", historySize);
        Objects.requireNonNull(lineSearch, "lineSearch");
    }

    /**
     * torch.optim.LBFGS's defaults, as the neural-style tutorial uses them: lr = 1, max_iter = 20,
     * max_eval = 25, tolerance_grad = 1e-7, tolerance_change = 1e-9, history_size = 100, no line search.
     */
    public static LbfgsSettings torchDefaults() {
        return new LbfgsSettings(1, 20, defaultMaxEvaluations(20), 1e-7, 1e-9, 100, LineSearch.NONE);
    }

    public LbfgsSettings withLearningRate(double lr) {
        return new LbfgsSettings(lr, maxIterationsPerStep, maxEvaluationsPerStep, toleranceGrad,
                toleranceChange, historySize, lineSearch);
    }

    /** Sets max_iter and, as torch does when max_eval is not given, max_eval = max_iter·5/4. */
    public LbfgsSettings withMaxIterationsPerStep(int maxIter) {
        return new LbfgsSettings(learningRate, maxIter, defaultMaxEvaluations(maxIter), toleranceGrad,
                toleranceChange, historySize, lineSearch);
    }

    public LbfgsSettings withMaxEvaluationsPerStep(int maxEval) {
        return new LbfgsSettings(learningRate, maxIterationsPerStep, maxEval, toleranceGrad,
                toleranceChange, historySize, lineSearch);
    }

    public LbfgsSettings withToleranceGrad(double tolerance) {
        return new LbfgsSettings(learningRate, maxIterationsPerStep, maxEvaluationsPerStep, tolerance,
                toleranceChange, historySize, lineSearch);
    }

    public LbfgsSettings withToleranceChange(double tolerance) {
        return new LbfgsSettings(learningRate, maxIterationsPerStep, maxEvaluationsPerStep, toleranceGrad,
                tolerance, historySize, lineSearch);
    }

    public LbfgsSettings withHistorySize(int size) {
        return new LbfgsSettings(learningRate, maxIterationsPerStep, maxEvaluationsPerStep, toleranceGrad,
                toleranceChange, size, lineSearch);
    }

    public LbfgsSettings withLineSearch(LineSearch search) {
        return new LbfgsSettings(learningRate, maxIterationsPerStep, maxEvaluationsPerStep, toleranceGrad,
                toleranceChange, historySize, search);
    }

    /** torch: {@code max_eval = max_iter * 5 // 4}. */
    private static int defaultMaxEvaluations(int maxIter) {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxIter * 5 / 4);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }

    private static void requireNonNegative(String name, double value) {
        // 0 is allowed: it switches the corresponding test off, as in torch
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got " + value);
        }
    }
}
