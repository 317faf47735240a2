package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.api.OptimizerSpec;
import io.github.neuralstyle4j.optim.AdamOptimizer;
import io.github.neuralstyle4j.optim.ConjugateGradientImageOptimizer;
import io.github.neuralstyle4j.optim.ImageOptimizer;
import io.github.neuralstyle4j.optim.LbfgsImageOptimizer;
import io.github.neuralstyle4j.optim.LbfgsSettings;
import io.github.neuralstyle4j.optim.LineSearch;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer.Formula;

/** The optimiser an {@link OptimizerSpec} describes. */
public final class Optimizers {

    private Optimizers() {
    }

    /** A new optimiser for {@code spec}; the caller closes it. */
    public static ImageOptimizer of(OptimizerSpec spec) {
        if (spec instanceof OptimizerSpec.Lbfgs l) {
            return new LbfgsImageOptimizer(lbfgsSettings(l));
        }
        if (spec instanceof OptimizerSpec.Adam a) {
            return new AdamOptimizer(a.learningRate(), a.beta1(), a.beta2(), a.eps());
        }
        OptimizerSpec.Ncg n = (OptimizerSpec.Ncg) spec; // the interface is sealed: nothing else exists
        return new ConjugateGradientImageOptimizer(n.formula() == OptimizerSpec.Ncg.Formula.FLETCHER_REEVES
                ? Formula.FLETCHER_REEVES : Formula.POLAK_RIBIERE);
    }

    static LbfgsSettings lbfgsSettings(OptimizerSpec.Lbfgs spec) {
        return new LbfgsSettings(spec.learningRate(), spec.maxIter(), spec.maxEval(), spec.toleranceGrad(),
                spec.toleranceChange(), spec.historySize(),
                spec.lineSearch() == OptimizerSpec.Lbfgs.LineSearch.STRONG_WOLFE ? LineSearch.STRONG_WOLFE
                        : LineSearch.NONE);
    }
}
