package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The optimiser and its settings; the names and defaults are those of PyTorch's {@code torch.optim.LBFGS}, which the
 * tutorial uses with all defaults, and of {@code torch.optim.Adam} for Adam. Settings an algorithm does not use are
 * ignored by it.
 *
 * @param name            the algorithm
 * @param learningRate    step length scale (finite, > 0)
 * @param maxIter         iterations per optimiser step (>= 1)
 * @param maxEval         function evaluations per optimiser step (>= 1)
 * @param toleranceGrad   stop when the largest gradient component is at most this (finite, >= 0)
 * @param toleranceChange stop when the step or loss change is at most this (finite, >= 0)
 * @param historySize     number of correction pairs kept (>= 1)
 * @param lineSearch      the line search, or none for fixed steps
 * @param beta1           Adam: decay of the gradient's running mean (in [0, 1))
 * @param beta2           Adam: decay of the squared gradient's running mean (in [0, 1))
 * @param eps             Adam: added to the denominator (finite, > 0)
 * @param formula         non-linear conjugate gradient: the update of the search direction
 * @param projectedGradient hand the optimiser the gradient of f∘clamp: components that push a pixel sitting on 0 or 1
 *                        further out are zeroed (false: the seed's raw gradient; see
 *                        {@link io.github.neuralstyle4j.optim.ProjectedGradient})
 */
public record OptimizerSpec(
        Algorithm name,
        double learningRate,
        int maxIter,
        int maxEval,
        double toleranceGrad,
        double toleranceChange,
        int historySize,
        LineSearch lineSearch,
        double beta1,
        double beta2,
        double eps,
        Formula formula,
        boolean projectedGradient) {

    /** The optimisation algorithm. */
    public enum Algorithm {
        LBFGS("lbfgs"),
        ADAM("adam"),
        /** Commons Math's non-linear conjugate gradient with its Brent line search. */
        NCG("ncg");

        private final String jsonName;

        Algorithm(String jsonName) {
            this.jsonName = jsonName;
        }

        @JsonValue
        public String jsonName() {
            return jsonName;
        }

        /** @throws ConfigException listing the valid names */
        @JsonCreator
        public static Algorithm parse(String name) {
            return Checks.oneOf(Algorithm.class, Algorithm::jsonName, name, JsonPaths.ROOT);
        }

        @Override
        public String toString() {
            return jsonName;
        }
    }

    /** How L-BFGS chooses the step length along its search direction. */
    public enum LineSearch {
        /** A fixed step of {@code learningRate} (after a first, gradient-scaled step), as PyTorch does by default. */
        NONE("none"),
        /** A line search satisfying the strong Wolfe conditions. */
        STRONG_WOLFE("strong_wolfe");

        private final String jsonName;

        LineSearch(String jsonName) {
            this.jsonName = jsonName;
        }

        @JsonValue
        public String jsonName() {
            return jsonName;
        }

        /** @throws ConfigException listing the valid names */
        @JsonCreator
        public static LineSearch parse(String name) {
            return Checks.oneOf(LineSearch.class, LineSearch::jsonName, name, JsonPaths.ROOT);
        }

        @Override
        public String toString() {
            return jsonName;
        }
    }

    /** The conjugate-gradient update: β of Polak and Ribière (1969) or of Fletcher and Reeves (1964). */
    public enum Formula {
        POLAK_RIBIERE("polak_ribiere"),
        FLETCHER_REEVES("fletcher_reeves");

        private final String jsonName;

        Formula(String jsonName) {
            this.jsonName = jsonName;
        }

        @JsonValue
        public String jsonName() {
            return jsonName;
        }

        /** @throws ConfigException listing the valid names */
        @JsonCreator
        public static Formula parse(String name) {
            return Checks.oneOf(Formula.class, Formula::jsonName, name, JsonPaths.ROOT);
        }

        @Override
        public String toString() {
            return jsonName;
        }
    }

    public static final double DEFAULT_LEARNING_RATE = 1;
    /**
     * Adam moves each pixel by about lr per evaluation whatever the gradient's scale, so torch's 1e-3 would barely
     * change a [0, 1] image in a few hundred evaluations and L-BFGS's 1 would jump across the whole range.
     * neural-style's Adam default (learning_rate 10 on a 0–255 image) is 0.039 here; 0.02 (about 5 grey levels)
     * trades a little speed for less noise.
     */
    public static final double DEFAULT_ADAM_LEARNING_RATE = 0.02;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;
    public static final int DEFAULT_MAX_ITER = 20;
    public static final double DEFAULT_TOLERANCE_GRAD = 1e-7;
    public static final double DEFAULT_TOLERANCE_CHANGE = 1e-9;
    public static final int DEFAULT_HISTORY_SIZE = 100;

    /** {@code torch.optim.LBFGS()} with every argument left at its default. */
    public static final OptimizerSpec DEFAULT = new OptimizerSpec(Algorithm.LBFGS, DEFAULT_LEARNING_RATE,
            DEFAULT_MAX_ITER, defaultMaxEval(DEFAULT_MAX_ITER), DEFAULT_TOLERANCE_GRAD, DEFAULT_TOLERANCE_CHANGE,
            DEFAULT_HISTORY_SIZE, LineSearch.NONE, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, Formula.POLAK_RIBIERE,
            false);

    public OptimizerSpec {
        Checks.required(name, "$.name");
        Checks.finitePositive(learningRate, "$.learning_rate");
        Checks.atLeast(maxIter, 1, "$.max_iter");
        Checks.atLeast(maxEval, 1, "$.max_eval");
        Checks.finiteNonNegative(toleranceGrad, "$.tolerance_grad");
        Checks.finiteNonNegative(toleranceChange, "$.tolerance_change");
        Checks.atLeast(historySize, 1, "$.history_size");
        Checks.required(lineSearch, "$.line_search");
        halfOpenUnit(beta1, "$.beta1");
        halfOpenUnit(beta2, "$.beta2");
        Checks.finitePositive(eps, "$.eps");
        Checks.required(formula, "$.formula");
    }

    private static void halfOpenUnit(double beta, String path) {
        if (!(beta >= 0 && beta < 1)) {
            throw new ConfigException(null, path, "must be in [0, 1), got " + Checks.show(beta));
        }
    }

    /**
     * PyTorch's default evaluation budget, {@code max_iter * 5 // 4}: following {@code max_iter} keeps a file that
     * raises only {@code max_iter} from being silently capped at 25 evaluations.
     */
    public static int defaultMaxEval(int maxIter) {
        return (int) Math.min(Integer.MAX_VALUE, maxIter * 5L / 4);
    }

    @JsonCreator
    static OptimizerSpec fromJson(
            @JsonProperty("name") Algorithm name,
            @JsonProperty("learning_rate") Double learningRate,
            @JsonProperty("max_iter") Integer maxIter,
            @JsonProperty("max_eval") Integer maxEval,
            @JsonProperty("tolerance_grad") Double toleranceGrad,
            @JsonProperty("tolerance_change") Double toleranceChange,
            @JsonProperty("history_size") Integer historySize,
            @JsonProperty("line_search") LineSearch lineSearch,
            @JsonProperty("beta1") Double beta1,
            @JsonProperty("beta2") Double beta2,
            @JsonProperty("eps") Double eps,
            @JsonProperty("formula") Formula formula,
            @JsonProperty("projected_gradient") Boolean projectedGradient) {
        int iterations = maxIter != null ? maxIter : DEFAULT_MAX_ITER;
        Algorithm algorithm = name != null ? name : DEFAULT.name;
        double defaultRate = algorithm == Algorithm.ADAM ? DEFAULT_ADAM_LEARNING_RATE : DEFAULT.learningRate;
        return new OptimizerSpec(
                algorithm,
                learningRate != null ? learningRate : defaultRate,
                iterations,
                maxEval != null ? maxEval : defaultMaxEval(iterations),
                toleranceGrad != null ? toleranceGrad : DEFAULT.toleranceGrad,
                toleranceChange != null ? toleranceChange : DEFAULT.toleranceChange,
                historySize != null ? historySize : DEFAULT.historySize,
                lineSearch != null ? lineSearch : DEFAULT.lineSearch,
                beta1 != null ? beta1 : DEFAULT_BETA1,
                beta2 != null ? beta2 : DEFAULT_BETA2,
                eps != null ? eps : DEFAULT_EPS,
                formula != null ? formula : DEFAULT.formula,
                Boolean.TRUE.equals(projectedGradient));
    }
}
