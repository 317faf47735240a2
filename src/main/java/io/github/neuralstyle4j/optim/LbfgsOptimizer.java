package io.github.neuralstyle4j.optim;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.exception.MathUnsupportedOperationException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.BaseMultivariateOptimizer;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.OptimizationData;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * L-BFGS (Nocedal 1980; Liu &amp; Nocedal 1989) as torch.optim.LBFGS (PyTorch 1.13) runs it, statement for statement,
 * driven the way the PyTorch neural-style tutorial drives it, in the shape of Commons Math's optimisers.
 *
 * <p>{@link #optimize(OptimizationData...)} accepts:
 * <ul>
 * <li>{@link DifferentiableFunction} (required): f and ∇f from one evaluation;</li>
 * <li>{@link InitialGuess} or {@link InitialPoint} (one of them required);</li>
 * <li>{@link LbfgsSettings}: torch's hyper-parameters, {@link LbfgsSettings#torchDefaults()} if absent;</li>
 * <li>{@link EvaluationTarget}: the tutorial loop, {@code while evaluations <= n: step()}. It stops early
 *     only when a step finds max|∇f| ≤ tolerance_grad at its first evaluation, after which torch would
 *     make no progress either. Without it, steps run until one ends on a tolerance rather than on its
 *     iteration or evaluation budget;</li>
 * <li>{@link ClampEachEvaluation}: the tutorial's in-place {@code clamp_} before each evaluation and at the end;</li>
 * <li>{@link MaxEval}, {@link MaxIter}: hard caps with Commons semantics
 *     ({@link TooManyEvaluationsException}, {@link TooManyIterationsException}); unlimited if absent.</li>
 * </ul>
 * Each call starts afresh (a new torch optimiser): data not passed take their defaults, not the previous
 * call's values. {@link #getEvaluations()} counts evaluations and {@link #getIterations()} L-BFGS iterations.
 * The result holds the final point (clamped if asked) and the value of the last evaluation, which torch
 * makes before the final move when a step ends on its iteration budget.
 *
 * <p>Vectors are float32 ND4J arrays off the Java heap and the algebra is level-1 BLAS. Memory is about
 * {@link #estimateMemoryBytes(long, int)}: 2·m·n·4 bytes of history plus a few n-vectors, ≈ 0.66 GB for a
 * 3×512×512 image with m = 100. It is released when {@code optimize} returns; only the final point is kept
 * (for {@link #getPoint()}) until the next call or {@link #close()}; for large problems prefer it to the
 * result's {@code double[]} copy.
 *
 * <p>Not thread-safe.
 */
public final class LbfgsOptimizer extends BaseMultivariateOptimizer<PointValuePair> implements AutoCloseable {

    /** n-vectors besides the history: the point, gradient, previous gradient, direction, the spare s and y,
     *  and the strong-Wolfe search's trial point and three gradients. */
    private static final int WORKING_VECTORS = 10;
    /** The algorithm's name in configs and checkpoints. */
    public static final String NAME = "lbfgs";

    private DifferentiableFunction function;
    private LbfgsSettings settings;
    private EvaluationTarget target;
    private ClampEachEvaluation clamp;
    private InitialPoint initialPoint;
    private double[] initialGuess;

    private INDArray point;
    private final List<Integer> evaluationsPerStep = new ArrayList<>();
    private OptimizerState resume;
    private int evaluationOffset;
    private boolean keepFinalState;
    private OptimizerState finalState;

    /** An optimiser without a Commons convergence checker: torch's tolerances decide convergence. */
    public LbfgsOptimizer() {
        super(null);
    }

    /**
     * Bytes of off-heap memory one run needs at most: (2·historySize + 10)·n float32 values.
     * For n = 3·512·512 = 786,432 and historySize = 100 that is 660,602,880 bytes (≈ 0.66 GB, of which
     * 0.63 GB is the history).
     *
     * @param dimension   n, the number of variables
     * @param historySize m, the curvature pairs kept
     */
    public static long estimateMemoryBytes(long dimension, int historySize) {
        if (dimension <= 0 || historySize <= 0) {
            throw new IllegalArgumentException("dimension and historySize must be positive");
        }
        return Math.multiplyExact(Math.multiplyExact(2L * historySize + WORKING_VECTORS, dimension),
                (long) Float.BYTES);
    }

    /** Runs the optimisation; see the class comment for the data it accepts. */
    @Override
    public PointValuePair optimize(OptimizationData... data) {
        // put unlimited caps first so that a caller's MaxEval/MaxIter overrides them and none is inherited
        OptimizationData[] all = new OptimizationData[data.length + 2];
        all[0] = MaxEval.unlimited();
        all[1] = MaxIter.unlimited();
        System.arraycopy(data, 0, all, 2, data.length);
        return super.optimize(all);
    }

    /** The final point of the latest run as a new flat float32 vector (also after an exception). */
    public INDArray getPoint() {
        if (point == null) {
            throw new IllegalStateException("no point: optimize has not run, or close was called");
        }
        return point.dup();
    }

    /**
     * Makes the next {@link #optimize} continue from {@code state} (from {@link #finalState()} of an earlier run):
     * its start point should be that run's final point, and an {@link EvaluationTarget} counts the earlier run's
     * evaluations too, so that N + M evaluations in two runs are the same as N + M in one.
     */
    public void resumeFrom(OptimizerState state) {
        resume = state;
    }

    /** Keep the state at the end of each run for {@link #finalState()} (a copy of the history: 2·m·n floats). */
    public void keepFinalState() {
        keepFinalState = true;
    }

    /** The state at the end of the latest run, or null unless {@link #keepFinalState()} was called. */
    public OptimizerState finalState() {
        return finalState;
    }

    /** Frees the off-heap point kept from the latest run. The optimiser stays usable. */
    @Override
    public void close() {
        Vectors.release(point);
        point = null;
    }

    @Override
    protected void parseOptimizationData(OptimizationData... data) {
        super.parseOptimizationData(data);
        function = null;
        settings = LbfgsSettings.torchDefaults();
        target = null;
        clamp = null;
        initialPoint = null;
        initialGuess = null;
        for (OptimizationData item : data) {
            if (item instanceof DifferentiableFunction f) {
                function = f;
            } else if (item instanceof LbfgsSettings s) {
                settings = s;
            } else if (item instanceof EvaluationTarget t) {
                target = t;
            } else if (item instanceof ClampEachEvaluation c) {
                clamp = c;
            } else if (item instanceof InitialPoint p) {
                initialPoint = p;
            } else if (item instanceof InitialGuess g) {
                initialGuess = g.getInitialGuess();
            } else if (item instanceof SimpleBounds) {
                // L-BFGS-B is another algorithm; the tutorial's projection is ClampEachEvaluation
                throw new MathUnsupportedOperationException();
            }
        }
        if (function == null) {
            throw new IllegalArgumentException("no DifferentiableFunction given");
        }
        if ((initialPoint == null) == (initialGuess == null)) {
            throw new IllegalArgumentException("give exactly one of InitialGuess and InitialPoint");
        }
    }

    @Override
    protected PointValuePair doOptimize() {
        close();
        evaluationsPerStep.clear();
        finalState = null;
        point = startPoint();
        LbfgsClosure closure = new LbfgsClosure(function, clamp, this::incrementEvaluationCount);
        OptimizerState resumed = resume;
        resume = null;
        evaluationOffset = resumed != null ? resumed.evaluations() : 0;
        try (LbfgsState state = new LbfgsState(point.length(), settings.historySize());
                StrongWolfeLineSearch lineSearch = settings.lineSearch() == LineSearch.STRONG_WOLFE
                        ? new StrongWolfeLineSearch(point.length(), settings.toleranceChange())
                        : null) {
            if (resumed != null) {
                state.restore(resumed.requireAlgorithm(NAME));
            }
            TorchLbfgsStep step = new TorchLbfgsStep(settings, state, closure, lineSearch,
                    this::incrementIterationCount);
            if (target != null) {
                runTutorialLoop(step);
            } else {
                runUntilConverged(step);
            }
            if (keepFinalState) {
                finalState = state.export(NAME, evaluationOffset + getEvaluations());
            }
        } finally {
            if (clamp != null) {
                clamp.apply(point);
            }
        }
        return new PointValuePair(point.toDoubleVector(), closure.lastValue(), false);
    }

    /** The tutorial: {@code while run[0] <= num_steps: optimizer.step(closure)}. */
    private void runTutorialLoop(TorchLbfgsStep step) {
        while (evaluationOffset + getEvaluations() <= target.evaluations()) {
            if (runStep(step) == StepOutcome.OPTIMAL_AT_START) {
                // torch would keep evaluating the same point, one evaluation per step
                return;
            }
        }
    }

    private void runUntilConverged(TorchLbfgsStep step) {
        StepOutcome outcome;
        do {
            outcome = runStep(step);
        } while (!outcome.converged());
    }

    private StepOutcome runStep(TorchLbfgsStep step) {
        int before = getEvaluations();
        StepOutcome outcome = step.run(point);
        evaluationsPerStep.add(getEvaluations() - before);
        return outcome;
    }

    /** Evaluations made by each step() of the latest run (for tests against torch's traces). */
    int[] evaluationsPerStep() {
        return evaluationsPerStep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A flat float32 copy of the start point, owned by this optimiser. */
    private INDArray startPoint() {
        INDArray source = initialPoint != null ? initialPoint.point() : Nd4j.createFromArray(initialGuess);
        INDArray copy = Vectors.allocate(source.length());
        copy.assign(source.ravel()); // C order, converted to float32
        return copy;
    }
}
