package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link LbfgsOptimizer} run the tutorial's way: {@code while evaluations <= target: step()}. */
public final class LbfgsImageOptimizer implements ImageOptimizer {

    private final LbfgsSettings settings;
    private final LbfgsOptimizer optimizer = new LbfgsOptimizer();

    public LbfgsImageOptimizer(LbfgsSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return LbfgsOptimizer.NAME;
    }

    @Override
    public INDArray minimize(DifferentiableFunction f, INDArray start, EvaluationTarget target,
                             ClampEachEvaluation clamp) {
        optimizer.optimize(new InitialPoint(start), f, settings, target, clamp);
        return optimizer.getPoint();
    }

    @Override
    public void resumeFrom(OptimizerState state) {
        optimizer.resumeFrom(state);
    }

    @Override
    public OptimizerState finalState() {
        return optimizer.finalState();
    }

    @Override
    public void keepFinalState() {
        optimizer.keepFinalState();
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
