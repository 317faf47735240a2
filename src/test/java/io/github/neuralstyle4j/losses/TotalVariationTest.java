package io.github.neuralstyle4j.losses;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The squared-difference total variation: a value by hand, the gradient by hand and by finite differences. */
class TotalVariationTest {

    private static INDArray image(float... chw) {
        return Nd4j.createFromArray(chw).castTo(DataType.FLOAT);
    }

    @Test
    void valueAndGradientOfA2x2ImageByHand() {
        // red plane [[0,1],[2,4]], green and blue 0. Squared differences: across 1 and 4, down 4 and 9: 18,
        // divided by the 3·2·2 = 12 values: 1.5
        INDArray x = image(0, 1, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0);
        INDArray g = Nd4j.zeros(DataType.FLOAT, 12);
        assertEquals(1.5, new TotalVariation(2, 2).accumulate(x, g, 1), 1e-12);
        // ∂/∂x = 2/12 · Σ over the pixel's pairs of (x − neighbour):
        // (0,0): (0−1)+(0−2) = −3; (0,1): (1−0)+(1−4) = −2; (1,0): (2−4)+(2−0) = 0; (1,1): (4−2)+(4−1) = 5
        assertArrayEquals(new float[] {-0.5f, -2f / 6, 0f, 5f / 6, 0, 0, 0, 0, 0, 0, 0, 0}, g.toFloatVector(), 1e-7f);
    }

    @Test
    void weightScalesValueAndGradientAndGradientsAccumulate() {
        INDArray x = image(0, 1, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0);
        INDArray g = Nd4j.ones(DataType.FLOAT, 12);
        assertEquals(3e-3, new TotalVariation(2, 2).accumulate(x, g, 2e-3), 1e-15);
        // 1 + 2e-3 · (−0.5) at the first pixel; untouched channels keep their 1
        assertEquals(1 - 1e-3, g.getFloat(0), 1e-7);
        assertEquals(1f, g.getFloat(11));
    }

    @Test
    void aConstantImageHasNoVariation() {
        INDArray x = Nd4j.valueArrayOf(new long[] {1, 3, 4, 5}, 0.3f);
        INDArray g = Nd4j.zeros(DataType.FLOAT, 1, 3, 4, 5);
        assertEquals(0.0, new TotalVariation(4, 5).accumulate(x, g, 7), 0.0);
        assertEquals(0.0, g.norm2Number().doubleValue(), 0.0);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        int h = 5;
        int w = 4;
        int n = 3 * h * w;
        Random random = new Random(7);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat();
        }
        TotalVariation tv = new TotalVariation(h, w);
        INDArray x = image(values);
        INDArray g = Nd4j.zeros(DataType.FLOAT, n);
        tv.accumulate(x, g, 1);
        double eps = 1e-2;
        for (int i = 0; i < n; i++) {
            float[] plus = values.clone();
            float[] minus = values.clone();
            plus[i] += (float) eps;
            minus[i] -= (float) eps;
            double step = (double) plus[i] - minus[i];   // the step float32 actually took
            double numeric = (tv.accumulate(image(plus), Nd4j.zeros(DataType.FLOAT, n), 1)
                    - tv.accumulate(image(minus), Nd4j.zeros(DataType.FLOAT, n), 1)) / step;
            // TV is quadratic, so the central difference has no truncation error; what is left is float32
            // rounding of the perturbed differences (~1e-7 each) over a step of 2e-2: ~1e-6 at most
            assertEquals(g.getDouble(i), numeric, 1e-5, "component " + i);
        }
    }

    @Test
    void refusesArraysOfAnotherSize() {
        assertThrows(IllegalArgumentException.class,
                () -> new TotalVariation(2, 2).accumulate(Nd4j.zeros(DataType.FLOAT, 11), Nd4j.zeros(DataType.FLOAT, 11), 1));
    }
}
