package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The seed's {@code ContentLoss}: L = mean((F − P)²) over all C·H·W entries, ∂L/∂F = 2(F − P)/(C·H·W). */
public final class ContentLoss implements FeatureLoss {

    private final MeanSquaredError mse;

    /** @param targetFeatures the content image's features P, [C, H·W] */
    public ContentLoss(INDArray targetFeatures) {
        this.mse = new MeanSquaredError(targetFeatures);
    }

    @Override
    public double accumulate(INDArray features, INDArray gradient, double weight) {
        return mse.accumulate(features, gradient, weight);
    }

    @Override
    public double overwrite(INDArray features, INDArray gradient, double weight) {
        return mse.overwrite(features, gradient, weight);
    }

    @Override
    public void close() {
        mse.close();
    }
}
