package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The seed's {@code ContentLoss}: L = mean((F − P)²) over all C·H·W entries, ∂L/∂F = 2(F − P)/(C·H·W). */
public final class ContentLoss implements FeatureLoss {

    private final INDArray target;
    private final INDArray scratch;

    /** @param targetFeatures the content image's features P, [C, H·W] */
    public ContentLoss(INDArray targetFeatures) {
        this.target = targetFeatures.dup();
        this.scratch = target.ulike();
    }

    @Override
    public double accumulate(INDArray features, INDArray gradient, double weight) {
        double count = features.length();
        INDArray diff = scratch;
        Level1.copy(features, diff);
        Level1.axpy(-1.0, target, diff);
        double loss = Level1.dot(diff, diff) / count;
        if (weight != 0) {
            Level1.axpy(2.0 * weight / count, diff, gradient);
        }
        return weight * loss;
    }
}
