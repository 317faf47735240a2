package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.config.OptimizerSpec;
import io.github.neuralstyle4j.optim.AdamOptimizer;
import io.github.neuralstyle4j.optim.ConjugateGradientImageOptimizer;
import io.github.neuralstyle4j.optim.ImageOptimizer;
import io.github.neuralstyle4j.optim.LbfgsImageOptimizer;
import io.github.neuralstyle4j.optim.LbfgsSettings;
import io.github.neuralstyle4j.optim.LineSearch;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer.Formula;

/** The optimiser a config names, with its settings. */
public final class Optimizers {

    private Optimizers() {
    }

    public static ImageOptimizer of(OptimizerSpec spec) {
        return switch (spec.name()) {
            case LBFGS -> new LbfgsImageOptimizer(lbfgsSettings(spec));
            case ADAM -> new AdamOptimizer(spec.learningRate(), spec.beta1(), spec.beta2(), spec.eps());
            case NCG -> new ConjugateGradientImageOptimizer(spec.formula() == OptimizerSpec.Formula.FLETCHER_REEVES
                    ? Formula.FLETCHER_REEVES : Formula.POLAK_RIBIERE);
        };
    }

    static LbfgsSettings lbfgsSettings(OptimizerSpec spec) {
        return new LbfgsSettings(spec.learningRate(), spec.maxIter(), spec.maxEval(), spec.toleranceGrad(),
                spec.toleranceChange(), spec.historySize(),
                spec.lineSearch() == OptimizerSpec.LineSearch.STRONG_WOLFE ? LineSearch.STRONG_WOLFE : LineSearch.NONE);
    }
}
