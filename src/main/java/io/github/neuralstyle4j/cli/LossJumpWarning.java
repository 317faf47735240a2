package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.OptimizerSpec;
import io.github.neuralstyle4j.engine.Evaluation;

/**
 * Notices the first evaluation of a run (of a stage) whose loss is more than {@value #FACTOR} times the best so far,
 * the symptom of fixed-step L-BFGS overshooting (the seed's settings do it on most image pairs), and words one line
 * about it: which image the run will write and how to avoid the jump.
 */
final class LossJumpWarning {

    static final double FACTOR = 10;

    private final String advice;
    private double best = Double.POSITIVE_INFINITY;
    private int bestNumber;
    private boolean warned;

    LossJumpWarning(OptimizerSpec optimizer) {
        this.advice = advice(optimizer);
    }

    /** Forget the best loss: a new stage works at another size, where losses are not comparable. */
    void newStage() {
        best = Double.POSITIVE_INFINITY;
        warned = false;
    }

    /** The warning for {@code e}, or null; at most one per stage. */
    String check(Evaluation e) {
        String line = null;
        if (!warned && e.total() > FACTOR * best) {
            warned = true;
            line = String.format("warning: the loss jumped to %.4g at evaluation %d, %.0f times the best so far (%.4g"
                    + " at evaluation %d); the run will write its best evaluated image, not a later worse one. %s",
                    e.total(), e.number(), e.total() / best, best, bestNumber, advice);
        }
        if (e.total() < best) {
            best = e.total();
            bestNumber = e.number();
        }
        return line;
    }

    private static String advice(OptimizerSpec o) {
        return switch (o.name()) {
            case LBFGS -> o.lineSearch() == OptimizerSpec.LineSearch.NONE
                    ? "Fixed-step L-BFGS (the seed's settings) overshoots like this; a strong-Wolfe line search"
                    + " (config/default.json, or \"line_search\": \"strong_wolfe\") avoids it."
                    : "To avoid it, lower --learning-rate (now " + o.learningRate() + ").";
            case ADAM -> "To avoid it, lower --learning-rate (now " + o.learningRate() + ").";
            case NCG -> "Its line search tried a step too long; the run continues from the best point.";
        };
    }
}
