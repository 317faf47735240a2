package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * neural-style's {@code -normalize_gradients} (Johnson 2015): a loss term whose gradient with respect to its layer's
 * features is divided by its own L1 norm before the weight applies, {@code weight · g / (‖g‖₁ + 1e-8)}, so that every
 * layer pushes the image equally hard whatever its loss's scale. The loss value is unchanged, so the direction is no
 * longer the loss's gradient: L-BFGS with a line search, which checks the two against each other, is a poor match.
 */
public final class NormalizedGradient implements FeatureLoss {

    /** neural-style's guard against a zero gradient. */
    static final double EPSILON = 1e-8;

    private final FeatureLoss inner;
    private INDArray scratch;

    /** @param inner the loss whose gradient is normalised; its owner closes it, not this wrapper */
    public NormalizedGradient(FeatureLoss inner) {
        this.inner = inner;
    }

    /** Releases the scratch gradient (not the wrapped loss). */
    @Override
    public void close() {
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
    }

    @Override
    public double accumulate(INDArray features, INDArray gradient, double weight) {
        if (scratch == null) {
            scratch = Nd4j.create(gradient.dataType(), gradient.shape());
        }
        double loss = inner.overwrite(features, scratch, 1);
        double l1 = Level1.asum(scratch);
        Level1.axpy(weight / (l1 + EPSILON), scratch, gradient);
        return weight * loss;
    }
}
