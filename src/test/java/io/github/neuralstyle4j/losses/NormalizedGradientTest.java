package io.github.neuralstyle4j.losses;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * neural-style's gradient normalisation worked out by hand: for the content loss mean((F − P)²) the gradient is
 * 2(F − P)/n, so the normalised one is weight · (F − P) / Σ|F − P| whatever n and the factor 2 are.
 */
class NormalizedGradientTest {

    @Test
    void theGradientIsDividedByItsL1NormAndTheLossKept() {
        INDArray target = Nd4j.createFromArray(new float[][] {{0, 0, 0}, {0, 0, 0}});
        INDArray features = Nd4j.createFromArray(new float[][] {{1, -2, 0}, {0.5f, 0, 0.5f}});
        // F − P = [1, −2, 0, 0.5, 0, 0.5], Σ|F − P| = 4, mean((F − P)²) = (1 + 4 + 0.25 + 0.25) / 6 = 5.5 / 6
        INDArray gradient = Nd4j.createFromArray(new float[][] {{10, 10, 10}, {10, 10, 10}});
        double loss = new NormalizedGradient(new ContentLoss(target)).accumulate(features, gradient, 3);

        assertEquals(3 * 5.5 / 6, loss, 1e-6); // float32 features: 1e-6 is a few ulps of these sums
        // the existing gradient (10) is kept and 3 · (F − P) / 4 added to it
        assertArrayEquals(new float[] {10.75f, 8.5f, 10, 10.375f, 10, 10.375f},
                gradient.castTo(DataType.FLOAT).data().asFloat(), 1e-6f);
    }

    @Test
    void aSecondCallStartsFromAFreshScratchBuffer() {
        INDArray target = Nd4j.createFromArray(new float[] {0, 0});
        NormalizedGradient loss = new NormalizedGradient(new ContentLoss(target));
        INDArray first = Nd4j.createFromArray(new float[] {0, 0});
        loss.accumulate(Nd4j.createFromArray(new float[] {4, 0}), first, 1);
        INDArray second = Nd4j.createFromArray(new float[] {0, 0});
        loss.accumulate(Nd4j.createFromArray(new float[] {0, -1}), second, 1);
        // (F − P)/Σ|F − P|: [1, 0] then [0, −1], the first call leaving nothing behind
        assertArrayEquals(new float[] {1, 0}, first.data().asFloat(), 1e-6f);
        assertArrayEquals(new float[] {0, -1}, second.data().asFloat(), 1e-6f);
    }
}
