package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seed's {@code StyleLoss}: L = mean((G − A)²) over the C×C entries, with G the Gram matrix of the features and A
 * the style image's. With N = C·H·W: ∂L/∂G = 2(G − A)/C², and since G = F·Fᵀ/N is symmetric,
 * ∂L/∂F = 4 (G − A)·F / (C²·N), one more GEMM.
 */
public final class StyleLoss implements FeatureLoss {

    private final INDArray target;
    private final INDArray scratch;

    /** @param targetGram the style image's Gram matrix A, [C, C] */
    public StyleLoss(INDArray targetGram) {
        this.target = GramDifference.checked(targetGram).dup();
        this.scratch = target.ulike();
    }

    @Override
    public double accumulate(INDArray features, INDArray gradient, double weight) {
        return evaluate(features, gradient, weight, 1.0);
    }

    @Override
    public double overwrite(INDArray features, INDArray gradient, double weight) {
        return evaluate(features, gradient, weight, 0.0);
    }

    /** gradient ← beta·gradient + weight·∂L/∂F; beta 0 overwrites. */
    private double evaluate(INDArray features, INDArray gradient, double weight, double beta) {
        long c = features.rows();
        double n = (double) c * features.columns();
        GramMatrix.into(features, scratch);
        return weight * GramDifference.lossAndGradient(scratch, target, features, gradient, weight,
                weight * 4.0 / ((double) c * c * n), beta);
    }

    @Override
    public void close() {
        scratch.close();
        target.close();
    }
}
