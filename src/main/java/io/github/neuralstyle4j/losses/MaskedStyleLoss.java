package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The style loss restricted to a region (Gatys et al. 2017, §4, the guided Gram matrix): the features are multiplied
 * by the guidance channel m at the layer's resolution before the Gram, F_m = F·diag(m), and the Gram is normalised by
 * the channel's squared mass S = Σ m² instead of the H·W positions:
 * <pre>
 *   G = F_m·F_mᵀ / (C·S),   L = mean((G − A)²) over the C×C entries,   ∂L/∂F = 4 (G − A)·F·diag(m²) / (C³·S)
 * </pre>
 * G is then the mean of f·fᵀ/C over the masked positions (weighted by m²), the same statistic as the style image's
 * Gram A = F_s·F_sᵀ/(C·H_s·W_s) over its whole area, so the loss asks the region for the style's texture whatever
 * the region's size; dividing by H·W instead would ask a region of a quarter of the image for features twice as
 * strong. A mask of ones gives exactly {@link StyleLoss}.
 */
public final class MaskedStyleLoss implements FeatureLoss {

    private final INDArray target;
    private final INDArray gram;
    private final PositionWeights weights;
    private final double mass;
    private INDArray weighted;

    /**
     * @param targetGram the style image's Gram matrix A, [C, C]
     * @param channel    the guidance channel at the tapped layer's resolution
     */
    public MaskedStyleLoss(INDArray targetGram, GuidanceChannel channel) {
        this.weights = new PositionWeights(channel);
        this.mass = channel.squaredMass();
        this.target = GramDifference.checked(targetGram).dup();
        this.gram = target.ulike();
    }

    @Override
    public double accumulate(INDArray features, INDArray gradient, double weight) {
        return evaluate(features, gradient, weight, 1.0);
    }

    @Override
    public double overwrite(INDArray features, INDArray gradient, double weight) {
        return evaluate(features, gradient, weight, 0.0);
    }

    private double evaluate(INDArray features, INDArray gradient, double weight, double beta) {
        long c = features.rows();
        if (weighted == null) {
            weighted = Nd4j.create(features.dataType(), features.shape());
        }
        weights.apply(features, weighted);                       // F·diag(m)
        Level3.gram(weighted, gram, 1.0 / (c * mass));
        if (weight != 0) {
            weights.apply(weighted, weighted);                   // F·diag(m²), the gradient's operand
        }
        return weight * GramDifference.lossAndGradient(gram, target, weighted, gradient, weight,
                weight * 4.0 / ((double) c * c * c * mass), beta);
    }

    /** Releases the target, the Gram and the weighted features. */
    @Override
    public void close() {
        if (weighted != null) {
            weighted.close();
        }
        gram.close();
        target.close();
    }
}
