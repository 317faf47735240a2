package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * L = mean((X − T)²) over all entries and ∂L/∂X = 2(X − T)/n, on BLAS level 1 (ND4J's element-wise ops would run on
 * an OpenMP pool that contends with OpenBLAS's threads). The seed's content loss on features, and its style loss on
 * a Gram matrix computed in the graph, are both this.
 */
final class MeanSquaredError implements AutoCloseable {

    private final INDArray target;
    private final INDArray scratch;

    MeanSquaredError(INDArray target) {
        this.target = target.dup();
        this.scratch = this.target.ulike();
    }

    /** Adds {@code weight · ∂L/∂X} to {@code gradient} and returns {@code weight · L}. */
    double accumulate(INDArray x, INDArray gradient, double weight) {
        double count = x.length();
        INDArray diff = scratch;
        Level1.copy(x, diff);
        Level1.axpy(-1.0, target, diff);
        double loss = Level1.dot(diff, diff) / count;
        if (weight != 0) {
            Level1.axpy(2.0 * weight / count, diff, gradient);
        }
        return weight * loss;
    }

    /**
     * Writes {@code weight · ∂L/∂X} over {@code gradient} and returns {@code weight · L}, with the gradient buffer as
     * the scratch: the same roundings as {@link #accumulate} into zeros (fl(a·d) either way).
     */
    double overwrite(INDArray x, INDArray gradient, double weight) {
        double count = x.length();
        Level1.copy(x, gradient);
        Level1.axpy(-1.0, target, gradient);
        double loss = Level1.dot(gradient, gradient) / count;
        Level1.scal(2.0 * weight / count, gradient);
        return weight * loss;
    }

    /** Releases the target copy and the scratch array. */
    @Override
    public void close() {
        scratch.close();
        target.close();
    }
}
