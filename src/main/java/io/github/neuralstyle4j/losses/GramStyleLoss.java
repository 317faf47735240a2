package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seed's {@code StyleLoss} on a Gram matrix the graph has already computed: L = mean((G − A)²) over the C×C
 * entries, ∂L/∂G = 2(G − A)/C². The graph turns ∂L/∂G into ∂L/∂F (see {@code gradient.GramHead}); together they equal
 * {@link StyleLoss} on the features.
 */
public final class GramStyleLoss implements FeatureLoss {

    private final INDArray target;
    private final INDArray scratch;

    /** @param targetGram the style image's Gram matrix A, [C, C] */
    public GramStyleLoss(INDArray targetGram) {
        if (targetGram.rank() != 2 || targetGram.rows() != targetGram.columns()) {
            throw new IllegalArgumentException("a Gram matrix must be square, got " + targetGram.shapeInfoToString());
        }
        this.target = targetGram.dup();
        this.scratch = target.ulike();
    }

    /** {@code gram} is G, [C, C]; {@code gradient} receives weight · ∂L/∂G. */
    @Override
    public double accumulate(INDArray gram, INDArray gradient, double weight) {
        double entries = gram.length();
        INDArray diff = scratch;
        Level1.copy(gram, diff);
        Level1.axpy(-1.0, target, diff);
        double loss = Level1.dot(diff, diff) / entries;
        if (weight != 0) {
            Level1.axpy(2.0 * weight / entries, diff, gradient);
        }
        return weight * loss;
    }
}
