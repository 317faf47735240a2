package io.github.neuralstyle4j.losses;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gram and loss values on cases small enough to compute by hand, and their gradients by finite differences. */
class LossesTest {

    /** float32 arithmetic on a handful of terms of order 1: a few ulps. */
    private static final double EXACT = 1e-6;

    private static INDArray matrix(double[][] rows) {
        return Nd4j.create(rows).castTo(DataType.FLOAT);
    }

    @Test
    void gramOfTwoChannelsByHand() {
        // F = [[1,2,3],[4,5,6]]: F·Fᵀ = [[14,32],[32,77]], divided by a·b·c·d = 1·2·3 = 6
        INDArray g = GramMatrix.of(matrix(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertArrayEquals(new float[] {14f / 6, 32f / 6, 32f / 6, 77f / 6}, g.ravel().toFloatVector(), (float) EXACT);
    }

    @Test
    void gramOfATapMatchesADoubleSumInBothTriangles() {
        // a [1, C, H, W] tap reshaped to [C, H·W], as the engine hands it over; sizes off OpenBLAS's block multiples
        Random r = new Random(5);
        int c = 37;
        int h = 9;
        int w = 13;
        INDArray tap = Nd4j.create(DataType.FLOAT, 1, c, h, w);
        for (int i = 0; i < c * h * w; i++) {
            tap.putScalar(i, r.nextGaussian());
        }
        INDArray f = tap.reshape('c', c, h * w);
        INDArray g = GramMatrix.of(f);
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double sum = 0;
                for (int k = 0; k < h * w; k++) {
                    sum += f.getDouble(i, k) * f.getDouble(j, k);
                }
                // float32 products summed over 117 terms of size ~1: a relative error of ~117 · 6e-8 at worst
                assertEquals(sum / (c * h * w), g.getDouble(i, j), 1e-5 * (1 + Math.abs(sum)) / (c * h * w),
                        "G[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void overwriteWritesWhatAccumulateAddsToZeros() {
        Random r = new Random(6);
        INDArray f = Nd4j.create(DataType.FLOAT, 6, 20);
        INDArray target = Nd4j.create(DataType.FLOAT, 6, 20);
        for (int i = 0; i < 120; i++) {
            f.putScalar(i, r.nextGaussian());
            target.putScalar(i, r.nextGaussian());
        }
        FeatureLoss[] losses = {new StyleLoss(GramMatrix.of(target)), new ContentLoss(target)};
        for (FeatureLoss loss : losses) {
            INDArray added = Nd4j.zeros(DataType.FLOAT, 6, 20);
            double value = loss.accumulate(f, added, 3);
            INDArray overwritten = Nd4j.valueArrayOf(new long[] {6, 20}, 7f, DataType.FLOAT);   // stale values
            // the same float operations in the same order: bit for bit, not merely close
            assertEquals(value, loss.overwrite(f, overwritten, 3), loss.getClass().getSimpleName());
            assertArrayEquals(added.ravel().toFloatVector(), overwritten.ravel().toFloatVector(),
                    loss.getClass().getSimpleName());
            INDArray zeroWeight = Nd4j.valueArrayOf(new long[] {6, 20}, 7f, DataType.FLOAT);
            loss.overwrite(f, zeroWeight, 0);
            assertArrayEquals(new float[120], zeroWeight.ravel().toFloatVector(), loss.getClass().getSimpleName());
        }
    }

    @Test
    void styleLossByHand() {
        // F = [[1,0],[0,1]] (C=2, H·W=2): G = I/4. Target A = 0: loss = mean(G²) = (2 · 1/16) / 4 = 1/32
        INDArray f = matrix(new double[][] {{1, 0}, {0, 1}});
        StyleLoss loss = new StyleLoss(Nd4j.zeros(DataType.FLOAT, 2, 2));
        INDArray grad = Nd4j.zeros(DataType.FLOAT, 2, 2);
        assertEquals(1.0 / 32, loss.accumulate(f, grad, 1), EXACT);
        // weight scales value and gradient: 1e6 · 1/32
        assertEquals(1e6 / 32, new StyleLoss(Nd4j.zeros(DataType.FLOAT, 2, 2)).accumulate(f, grad.dup(), 1e6), 1e-1);
    }

    @Test
    void contentLossByHand() {
        // mean((F − P)²) over 4 entries: (1 + 4 + 0 + 9) / 4 = 3.5; gradient 2(F − P)/4
        INDArray f = matrix(new double[][] {{1, 2}, {3, 4}});
        INDArray p = matrix(new double[][] {{0, 0}, {3, 1}});
        INDArray grad = Nd4j.zeros(DataType.FLOAT, 2, 2);
        assertEquals(3.5, new ContentLoss(p).accumulate(f, grad, 1), EXACT);
        assertArrayEquals(new float[] {0.5f, 1f, 0f, 1.5f}, grad.ravel().toFloatVector(), (float) EXACT);
    }

    @Test
    void gradientsAccumulateRatherThanOverwrite() {
        INDArray f = matrix(new double[][] {{1, 2}, {3, 4}});
        INDArray grad = Nd4j.ones(DataType.FLOAT, 2, 2);
        new ContentLoss(f.dup()).accumulate(f, grad, 1);   // zero gradient at the target
        assertArrayEquals(new float[] {1, 1, 1, 1}, grad.ravel().toFloatVector());
    }

    @Test
    void styleAndContentGradientsMatchFiniteDifferences() {
        Random r = new Random(3);
        int c = 5;
        int hw = 7;
        INDArray f = Nd4j.create(DataType.DOUBLE, c, hw);
        INDArray target = Nd4j.create(DataType.DOUBLE, c, hw);
        for (int i = 0; i < c * hw; i++) {
            f.putScalar(i, r.nextGaussian());
            target.putScalar(i, r.nextGaussian());
        }
        // double precision here so that the difference quotient is accurate to ~1e-8 and the check is tight
        FeatureLoss[] losses = {new StyleLoss(GramMatrix.of(target)), new ContentLoss(target)};
        for (FeatureLoss loss : losses) {
            INDArray grad = Nd4j.zeros(DataType.DOUBLE, c, hw);
            loss.accumulate(f, grad, 2.5);
            double eps = 1e-5;
            for (int i = 0; i < c * hw; i++) {
                double x = f.getDouble(i);
                f.putScalar(i, x + eps);
                double plus = loss.accumulate(f, Nd4j.zeros(DataType.DOUBLE, c, hw), 2.5);
                f.putScalar(i, x - eps);
                double minus = loss.accumulate(f, Nd4j.zeros(DataType.DOUBLE, c, hw), 2.5);
                f.putScalar(i, x);
                assertEquals((plus - minus) / (2 * eps), grad.getDouble(i), 1e-6,
                        loss.getClass().getSimpleName() + " coordinate " + i);
            }
        }
    }
}
