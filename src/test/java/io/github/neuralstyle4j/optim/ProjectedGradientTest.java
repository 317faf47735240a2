package io.github.neuralstyle4j.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The projected gradient against the one-sided derivatives of f∘clamp worked out by hand for f(x) = Σ c_i·x_i, whose
 * gradient is c everywhere: at a coordinate on a bound, moving outward changes nothing (derivative 0), moving inward
 * changes f at rate c_i.
 */
class ProjectedGradientTest {

    private static final float[] C = {2, -3, 4, -5, 6, -7};

    private static double linear(INDArray x, INDArray g) {
        g.assign(Nd4j.createFromArray(C));
        return x.castTo(DataType.DOUBLE).mul(Nd4j.createFromArray(C).castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }

    @Test
    void zeroesExactlyTheComponentsThatPushAPixelOnItsBoundOutward() {
        // x on the lower bound (0), inside, on the upper bound (1); c alternates in sign
        INDArray x = Nd4j.createFromArray(new float[] {0, 0, 0.5f, 0.5f, 1, 1});
        INDArray g = Nd4j.create(DataType.FLOAT, 6);
        double value = new ProjectedGradient(ProjectedGradientTest::linear, ClampEachEvaluation.unitInterval())
                .valueAndGradient(x, g);
        assertEquals(-3 * 0 + 4 * 0.5 - 5 * 0.5 + 6 - 7, value, 1e-6);
        // x=0, c=2 > 0: descent (−c) would go below 0: zeroed. x=0, c=−3: descent goes inward: kept.
        // inside: kept. x=1, c=6 > 0: descent goes inward: kept. x=1, c=−7: descent goes above 1: zeroed.
        assertArrayEquals(new float[] {0, -3, 4, -5, 6, 0}, g.data().asFloat(), 0);
    }

    @Test
    void theSameOnArraysThatAreNotPlainFloatVectors() {
        INDArray x = Nd4j.createFromArray(new double[] {0, 0, 0.5, 0.5, 1, 1});
        INDArray g = Nd4j.createFromArray(new double[] {2, -3, 4, -5, 6, -7});
        Vectors.projectGradient(x, g, 0, 1);
        assertArrayEquals(new double[] {0, -3, 4, -5, 6, 0}, g.toDoubleVector(), 0);
    }
}
