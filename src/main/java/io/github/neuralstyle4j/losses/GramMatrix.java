package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The seed's {@code gram_matrix}: G = F·Fᵀ / (a·b·c·d) for features F of shape [a·b, c·d] with batch a = 1. */
public final class GramMatrix {

    private GramMatrix() {
    }

    /** G for features of shape [C, H·W]; one SYRK (F·Fᵀ), no copy of F. */
    public static INDArray of(INDArray features) {
        long c = features.rows();
        INDArray gram = Nd4j.create(features.dataType(), c, c);
        into(features, gram);
        return gram;
    }

    /** Writes G into an existing [C, C] matrix. */
    public static void into(INDArray features, INDArray gram) {
        double norm = (double) features.rows() * features.columns();
        Level3.gram(features, gram, 1.0 / norm);
    }
}
