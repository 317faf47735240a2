package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One loss term on one tapped layer, given that layer's features as a [channels, height·width] matrix. */
public interface FeatureLoss extends AutoCloseable {

    /**
     * Returns {@code weight · loss(F)} and adds {@code weight · ∂loss/∂F} into {@code gradient} (same shape as F).
     */
    double accumulate(INDArray features, INDArray gradient, double weight);

    /**
     * As {@link #accumulate}, but overwrites {@code gradient} with {@code weight · ∂loss/∂F}: the first term on a
     * tap calls this, so the buffer is not zeroed first and then read back (two passes over it fewer).
     */
    default double overwrite(INDArray features, INDArray gradient, double weight) {
        Level1.zero(gradient);
        return accumulate(features, gradient, weight);
    }

    /** Releases the native arrays the loss holds (its target, its scratch); the loss cannot be used afterwards. */
    @Override
    default void close() {
    }
}
