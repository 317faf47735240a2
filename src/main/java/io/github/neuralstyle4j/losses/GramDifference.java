package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What every Gram-matrix style loss shares: the target's check, and L = mean((G − A)²) with its gradient's GEMM. */
final class GramDifference {

    private GramDifference() {
    }

    /** {@code targetGram}, checked to be a [C, C] matrix. */
    static INDArray checked(INDArray targetGram) {
        if (targetGram.rank() != 2 || targetGram.rows() != targetGram.columns()) {
            throw new IllegalArgumentException("a Gram matrix must be square, got " + targetGram.shapeInfoToString());
        }
        return targetGram;
    }

    /**
     * Turns {@code gram} (G, [C, C]) into G − A in place and returns mean((G − A)²) over its C² entries; with a
     * weight, gradient ← beta·gradient + scale·(G − A)·operand, else a beta of 0 zeroes the gradient (the GEMM never
     * reads it then).
     */
    static double lossAndGradient(INDArray gram, INDArray target, INDArray operand, INDArray gradient, double weight,
                                  double scale, double beta) {
        long c = gram.rows();
        Level1.axpy(-1.0, target, gram);
        double loss = Level1.dot(gram, gram) / ((double) c * c);
        if (weight != 0) {
            Nd4j.gemm(gram, operand, gradient, false, false, scale, beta);
        } else if (beta == 0) {
            Level1.zero(gradient);
        }
        return loss;
    }
}
