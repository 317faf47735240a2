package io.github.neuralstyle4j.api;

/**
 * The optimiser of a {@link Request} and its settings: one record per algorithm, each with only the settings it
 * uses. Each knows how many evaluations an evaluation budget means for it and how much memory its state needs.
 */
public sealed interface OptimizerSpec permits OptimizerSpec.Lbfgs, OptimizerSpec.Adam, OptimizerSpec.Ncg {

    /** The algorithm's name in configs and checkpoints: {@code lbfgs}, {@code adam} or {@code ncg}. */
    String name();

    /** How many loss evaluations a run with an evaluation budget of {@code budget} makes (at most). */
    int evaluationsFor(int budget);

    /** Bytes of optimiser state for an image of {@code values} floats (3·height·width). */
    long stateBytes(long values);

    /** Bytes of optimiser state at its fullest in a run of {@code evaluations} evaluations; by default all of it. */
    default long stateBytes(long values, int evaluations) {
        return stateBytes(values);
    }

    /**
     * L-BFGS (Liu and Nocedal 1989) as PyTorch's {@code torch.optim.LBFGS} runs it; the names and defaults are
     * PyTorch's.
     *
     * @param learningRate    step length scale (finite, > 0)
     * @param maxIter         iterations per optimiser step (>= 1)
     * @param maxEval         evaluations per optimiser step (>= 1)
     * @param toleranceGrad   stop when the largest gradient component is at most this (finite, >= 0)
     * @param toleranceChange stop when the step or the loss change is at most this (finite, >= 0)
     * @param historySize     correction pairs kept (>= 1)
     * @param lineSearch      how the step length is chosen
     */
    record Lbfgs(double learningRate, int maxIter, int maxEval, double toleranceGrad, double toleranceChange,
                 int historySize, LineSearch lineSearch) implements OptimizerSpec {

        /** How L-BFGS chooses its step length. */
        public enum LineSearch {
            /** A fixed step of {@code learningRate} after a first gradient-scaled one, PyTorch's default. */
            NONE,
            /** A line search satisfying the strong Wolfe conditions. */
            STRONG_WOLFE
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public Lbfgs {
            Validation.positive(learningRate, "L-BFGS learningRate");
            Validation.atLeast(maxIter, 1, "L-BFGS maxIter");
            Validation.atLeast(maxEval, 1, "L-BFGS maxEval");
            Validation.nonNegative(toleranceGrad, "L-BFGS toleranceGrad");
            Validation.nonNegative(toleranceChange, "L-BFGS toleranceChange");
            Validation.atLeast(historySize, 1, "L-BFGS historySize");
            Validation.required(lineSearch, "L-BFGS lineSearch");
        }

        /** The seed's optimiser: {@code torch.optim.LBFGS()} with every argument at its default. */
        public static Lbfgs seed() {
            return new Lbfgs(1, 20, 25, 1e-7, 1e-9, 100, LineSearch.NONE);
        }

        @Override
        public String name() {
            return "lbfgs";
        }

        /**
         * The seed's loop starts a step while at most {@code budget} evaluations were made. Without a line search a
         * step makes exactly {@code maxIter}; with one it makes up to {@code maxEval} (more only when a single line
         * search runs past it), so the budget plus one step's {@code maxEval} is what a run should expect at most.
         */
        @Override
        public int evaluationsFor(int budget) {
            return lineSearch == LineSearch.NONE ? (budget / maxIter + 1) * maxIter : budget + maxEval;
        }

        /** {@code 2·historySize} correction vectors plus about ten working vectors. */
        @Override
        public long stateBytes(long values) {
            return (2L * historySize + 10) * values * Float.BYTES;
        }

        /** Each correction pair takes an iteration, hence an evaluation: a short run never fills a long history. */
        @Override
        public long stateBytes(long values, int evaluations) {
            return (2L * Math.min(historySize, Math.max(evaluations, 0)) + 10) * values * Float.BYTES;
        }
    }

    /**
     * Adam (Kingma and Ba 2015) as {@code torch.optim.Adam} runs it, one step per evaluation.
     *
     * @param learningRate step size (finite, > 0); about how far each pixel moves per evaluation
     * @param beta1        decay of the gradient's running mean, in [0, 1)
     * @param beta2        decay of the squared gradient's running mean, in [0, 1)
     * @param eps          added to the denominator (finite, > 0)
     */
    record Adam(double learningRate, double beta1, double beta2, double eps) implements OptimizerSpec {

        /** @throws IllegalArgumentException naming the first invalid setting */
        public Adam {
            Validation.positive(learningRate, "Adam learningRate");
            Validation.unitInterval(beta1, "Adam beta1");
            Validation.unitInterval(beta2, "Adam beta2");
            Validation.positive(eps, "Adam eps");
        }

        /** Torch's betas and eps with a learning rate of 0.02, about 5 grey levels per evaluation on [0, 1] images. */
        public static Adam defaults() {
            return new Adam(0.02, 0.9, 0.999, 1e-8);
        }

        @Override
        public String name() {
            return "adam";
        }

        /** Exactly the budget: one evaluation per step. */
        @Override
        public int evaluationsFor(int budget) {
            return budget;
        }

        /** The two moment vectors and a few working vectors. */
        @Override
        public long stateBytes(long values) {
            return 6L * values * Float.BYTES;
        }
    }

    /**
     * Non-linear conjugate gradient with Commons Math's Brent line search.
     *
     * @param formula the update of the search direction
     */
    record Ncg(Formula formula) implements OptimizerSpec {

        /** The conjugate-gradient update: β of Polak and Ribière (1969) or of Fletcher and Reeves (1964). */
        public enum Formula {
            /** Polak–Ribière. */
            POLAK_RIBIERE,
            /** Fletcher–Reeves. */
            FLETCHER_REEVES
        }

        /** @throws IllegalArgumentException if the formula is missing */
        public Ncg {
            Validation.required(formula, "NCG formula");
        }

        /** Polak–Ribière. */
        public static Ncg defaults() {
            return new Ncg(Formula.POLAK_RIBIERE);
        }

        @Override
        public String name() {
            return "ncg";
        }

        /** Exactly the budget. */
        @Override
        public int evaluationsFor(int budget) {
            return budget;
        }

        /** Commons Math works on double vectors: point, gradient, direction, search point and a few more. */
        @Override
        public long stateBytes(long values) {
            return 8L * values * Double.BYTES;
        }
    }
}
