package io.github.neuralstyle4j.optim;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * Commons Math's {@link NonLinearConjugateGradientOptimizer} (Polak–Ribière or Fletcher–Reeves, Brent line search)
 * behind {@link ImageOptimizer}. Commons asks for f and ∇f separately, at points as {@code double[]}; one evaluation of
 * the objective gives both, so the latest evaluations are cached by point. Every evaluated point is clamped first
 * (Commons knows nothing of the box, as torch's L-BFGS does not), the budget is counted here, and the result is the
 * best evaluated point: the run usually ends with the budget in the middle of a line search.
 *
 * <p>Resuming keeps only the evaluation count: the conjugate directions restart from steepest descent, which is
 * the standard restart of the method, not a continuation of the interrupted run.
 */
public final class ConjugateGradientImageOptimizer implements ImageOptimizer {

    public static final String NAME = "ncg";

    /**
     * Brent's relative tolerance on the step length: the default 1e-8 spends 20–40 evaluations per line search,
     * more than conjugate gradients need, which only want a rough minimum along each direction; with 1e-5 (and
     * also 1e-3) the test's ill-conditioned quadratic still converges to float32 precision.
     */
    static final double LINE_SEARCH_TOLERANCE = 1e-5;
    /**
     * The first bracket along d = -∇f moves the steepest coordinate by this much (of the [0, 1] range). Commons'
     * fixed default (1e-8 in step length) is blind to the gradient's scale: with a style weight of 1e6 it may be
     * too long, with small weights so short that a short budget is spent without changing a pixel.
     */
    static final double INITIAL_MOVE = 0.01;

    private final NonLinearConjugateGradientOptimizer.Formula formula;
    private int resumedEvaluations;
    private OptimizerState finalState;
    private boolean keepFinalState;

    public ConjugateGradientImageOptimizer(NonLinearConjugateGradientOptimizer.Formula formula) {
        this.formula = formula;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public INDArray minimize(DifferentiableFunction f, INDArray start, EvaluationTarget target,
                             ClampEachEvaluation clamp) {
        int budget = target.evaluations() - resumedEvaluations;
        try (Evaluator evaluator = new Evaluator(f, clamp, start.length(), Math.max(budget, 0))) {
            double[] x0 = start.ravel().toDoubleVector();
            if (budget > 0) {
                // the start's gradient sets the scale of the first bracket (Commons asks for it first anyway)
                double largest = Arrays.stream(evaluator.gradient(x0)).map(Math::abs).max().orElse(0);
                double bracket = largest > 0 ? INITIAL_MOVE / largest : INITIAL_MOVE;
                // no convergence test: the budget ends the run, as the tutorial's loop does. A value test stops
                // at the first line search that float32 points cannot resolve, after which Polak–Ribière would
                // simply have restarted along the gradient.
                NonLinearConjugateGradientOptimizer ncg = new NonLinearConjugateGradientOptimizer(formula,
                        (iteration, previous, current) -> false, LINE_SEARCH_TOLERANCE, 1e-12, bracket);
                try {
                    ncg.optimize(new MaxEval(Integer.MAX_VALUE), GoalType.MINIMIZE, new InitialGuess(x0),
                            new ObjectiveFunction(evaluator::value), new ObjectiveFunctionGradient(evaluator::gradient));
                } catch (BudgetSpent expected) {
                    // the usual end: the evaluation budget ran out, here or inside a line search
                }
            }
            INDArray result = evaluator.best != null ? evaluator.best.dup() : clamp.apply(Nd4j.createFromArray(x0)
                    .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
            if (keepFinalState) {
                finalState = new OptimizerState(NAME, resumedEvaluations + evaluator.count, Map.of(), Map.of());
            }
            return result;
        } finally {
            resumedEvaluations = 0;
        }
    }

    @Override
    public void resumeFrom(OptimizerState state) {
        resumedEvaluations = state.requireAlgorithm(NAME).evaluations();
    }

    @Override
    public OptimizerState finalState() {
        return finalState;
    }

    @Override
    public void keepFinalState() {
        keepFinalState = true;
    }

    @Override
    public void close() {
        finalState = null;
    }

    /** Thrown to stop Commons' loop when the budget is spent. */
    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super(null, null, false, false);
        }
    }

    /** f and ∇f at double[] points through one float32 evaluation each, remembering the latest few. */
    private static final class Evaluator implements AutoCloseable {
        private static final int CACHED = 3;

        private final DifferentiableFunction f;
        private final ClampEachEvaluation clamp;
        private final int budget;
        private final INDArray x;
        private final INDArray g;
        private final double[][] keys = new double[CACHED][];
        private final double[] values = new double[CACHED];
        private final double[][] gradients = new double[CACHED][];
        private int next;
        private int count;
        private INDArray best;
        private double bestValue = Double.POSITIVE_INFINITY;

        Evaluator(DifferentiableFunction f, ClampEachEvaluation clamp, long n, int budget) {
            this.f = f;
            this.clamp = clamp;
            this.budget = budget;
            this.x = Vectors.allocate(n);
            this.g = Vectors.allocate(n);
        }

        double value(double[] point) {
            return values[slotFor(point)];
        }

        double[] gradient(double[] point) {
            return gradients[slotFor(point)].clone();
        }

        private int slotFor(double[] point) {
            for (int i = 0; i < CACHED; i++) {
                if (keys[i] != null && Arrays.equals(keys[i], point)) {
                    return i;
                }
            }
            if (count >= budget) {
                throw new BudgetSpent();
            }
            count++;
            x.assign(Nd4j.createFromArray(point));
            clamp.apply(x);
            double value = f.valueAndGradient(x, g);
            if (value < bestValue) {
                bestValue = value;
                if (best == null) {
                    best = x.dup();
                } else {
                    best.assign(x);
                }
            }
            int slot = next;
            next = (next + 1) % CACHED;
            keys[slot] = point.clone();
            values[slot] = value;
            gradients[slot] = g.toDoubleVector();
            return slot;
        }

        @Override
        public void close() {
            Vectors.release(x);
            Vectors.release(g);
            Vectors.release(best);
        }
    }
}
