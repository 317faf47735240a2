package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The content loss restricted to a region: the features and the target multiplied by the guidance channel m at the
 * layer's resolution, and the mean taken over the region's squared mass S = Σ m² rather than all H·W positions,
 * as {@link MaskedStyleLoss} does:
 * <pre>
 *   L = Σ_c Σ_p m_p² (F − P)²_cp / (C·S),   ∂L/∂F = 2 (F − P)·diag(m²) / (C·S)
 * </pre>
 * A mask of ones gives exactly {@link ContentLoss}; where m = 0 the content does not constrain the image.
 */
public final class MaskedContentLoss implements FeatureLoss {

    private final INDArray target;
    private final INDArray scratch;
    private final PositionWeights weights;
    private final double mass;

    /**
     * @param targetFeatures the content image's features P, [C, H·W]
     * @param channel        the guidance channel at the tapped layer's resolution
     */
    public MaskedContentLoss(INDArray targetFeatures, GuidanceChannel channel) {
        this.weights = new PositionWeights(channel);
        if (targetFeatures.rank() != 2 || targetFeatures.columns() != weights.positions()) {
            throw new IllegalArgumentException("content features " + targetFeatures.shapeInfoToString()
                    + " do not have the guidance channel's " + weights.positions() + " positions");
        }
        this.mass = channel.squaredMass();
        this.target = targetFeatures.dup();
        this.scratch = target.ulike();
    }

    @Override
    public double accumulate(INDArray features, INDArray gradient, double weight) {
        double n = features.rows() * mass;
        Level1.copy(features, scratch);
        Level1.axpy(-1.0, target, scratch);
        weights.apply(scratch, scratch);                        // (F − P)·diag(m)
        double loss = Level1.dot(scratch, scratch) / n;
        if (weight != 0) {
            weights.apply(scratch, scratch);                    // (F − P)·diag(m²)
            Level1.axpy(2.0 * weight / n, scratch, gradient);
        }
        return weight * loss;
    }

    /** Releases the target copy and the scratch array. */
    @Override
    public void close() {
        scratch.close();
        target.close();
    }
}
