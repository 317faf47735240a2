package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        if (targetGram.rank() != 2 || targetGram.rows() != targetGram.columns()) {
            throw new IllegalArgumentException("a Gram matrix must be square, got " + targetGram.shapeInfoToString());
        }
        this.target = targetGram.dup();
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

    /** gradient ← beta·gradient + weight·∂L/∂F; beta 0 overwrites (GEMM never reads C then). */
    private double evaluate(INDArray features, INDArray gradient, double weight, double beta) {
        long c = features.rows();
        double n = (double) c * features.columns();
        GramMatrix.into(features, scratch);
        INDArray diff = scratch;
        Level1.axpy(-1.0, target, diff);
        double loss = Level1.dot(diff, diff) / ((double) c * c);
        if (weight != 0) {
            Nd4j.gemm(diff, features, gradient, false, false, weight * 4.0 / ((double) c * c * n), beta);
        } else if (beta == 0) {
            Level1.zero(gradient);
        }
        return weight * loss;
    }

    @Override
    public void close() {
        scratch.close();
        target.close();
    }
}
