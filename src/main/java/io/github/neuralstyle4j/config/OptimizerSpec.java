package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The optimiser and its settings; the names and defaults are those of PyTorch's {@code torch.optim.LBFGS}, which the
 * tutorial uses with all defaults.
 *
 * @param name            the algorithm
 * @param learningRate    step length scale (finite, > 0)
 * @param maxIter         iterations per optimiser step (>= 1)
 * @param maxEval         function evaluations per optimiser step (>= 1)
 * @param toleranceGrad   stop when the largest gradient component is at most this (finite, >= 0)
 * @param toleranceChange stop when the step or loss change is at most this (finite, >= 0)
 * @param historySize     number of correction pairs kept (>= 1)
 * @param lineSearch      the line search, or none for fixed steps
 */
public record OptimizerSpec(
        Algorithm name,
        double learningRate,
        int maxIter,
        int maxEval,
        double toleranceGrad,
        double toleranceChange,
        int historySize,
        LineSearch lineSearch) {

    /** The optimisation algorithm. */
    public enum Algorithm {
        LBFGS("lbfgs");

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

    public static final double DEFAULT_LEARNING_RATE = 1;
    public static final int DEFAULT_MAX_ITER = 20;
    public static final double DEFAULT_TOLERANCE_GRAD = 1e-7;
    public static final double DEFAULT_TOLERANCE_CHANGE = 1e-9;
    public static final int DEFAULT_HISTORY_SIZE = 100;

    /** {@code torch.optim.LBFGS()} with every argument left at its default. */
    public static final OptimizerSpec DEFAULT = new OptimizerSpec(Algorithm.LBFGS, DEFAULT_LEARNING_RATE,
            DEFAULT_MAX_ITER, defaultMaxEval(DEFAULT_MAX_ITER), DEFAULT_TOLERANCE_GRAD, DEFAULT_TOLERANCE_CHANGE,
            DEFAULT_HISTORY_SIZE, LineSearch.NONE);

    public OptimizerSpec {
        Checks.required(name, "$.name");
        Checks.finitePositive(learningRate, "$.learning_rate");
        Checks.atLeast(maxIter, 1, "$.max_iter");
        Checks.atLeast(maxEval, 1, "$.max_eval");
        Checks.finiteNonNegative(toleranceGrad, "$.tolerance_grad");
        Checks.finiteNonNegative(toleranceChange, "$.tolerance_change");
        Checks.atLeast(historySize, 1, "$.history_size");
        Checks.required(lineSearch, "$.line_search");
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
            @JsonProperty("line_search") LineSearch lineSearch) {
        int iterations = maxIter != null ? maxIter : DEFAULT_MAX_ITER;
        return new OptimizerSpec(
                name != null ? name : DEFAULT.name,
                learningRate != null ? learningRate : DEFAULT.learningRate,
                iterations,
                maxEval != null ? maxEval : defaultMaxEval(iterations),
                toleranceGrad != null ? toleranceGrad : DEFAULT.toleranceGrad,
                toleranceChange != null ? toleranceChange : DEFAULT.toleranceChange,
                historySize != null ? historySize : DEFAULT.historySize,
                lineSearch != null ? lineSearch : DEFAULT.lineSearch);
    }
}
