package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seed's {@code StyleLoss} on a Gram matrix the graph has already computed: L = mean((G − A)²) over the C×C
 * entries, ∂L/∂G = 2(G − A)/C². The graph turns ∂L/∂G into ∂L/∂F (see {@code gradient.GramHead}); together they equal
 * {@link StyleLoss} on the features.
 */
public final class GramStyleLoss implements FeatureLoss {

    private final MeanSquaredError mse;

    /** @param targetGram the style image's Gram matrix A, [C, C] */
    public GramStyleLoss(INDArray targetGram) {
        this.mse = new MeanSquaredError(GramDifference.checked(targetGram));
    }

    /** {@code gram} is G, [C, C]; {@code gradient} receives weight · ∂L/∂G. */
    @Override
    public double accumulate(INDArray gram, INDArray gradient, double weight) {
        return mse.accumulate(gram, gradient, weight);
    }

    @Override
    public double overwrite(INDArray gram, INDArray gradient, double weight) {
        return mse.overwrite(gram, gradient, weight);
    }

    @Override
    public void close() {
        mse.close();
    }
}
