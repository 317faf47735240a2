package io.github.neuralstyle4j.video;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The temporal loss's value by its definition and its gradient against central finite differences. */
class TemporalLossTest {

    private static final int W = 5;
    private static final int H = 4;

    @Test
    void valueIsTheMaskedMeanSquaredDifference() {
        float[] warped = new float[3 * W * H];
        float[] weights = new float[W * H];
        float[] image = new float[3 * W * H];
        weights[0] = 1; // pixel (0, 0) counts, in all three channels; everything else is masked out
        image[0] = 0.5f;
        image[W * H] = 0.25f;
        image[2 * W * H] = 0.75f;
        image[1] = 0.9f; // a masked pixel: no value, no gradient
        TemporalLoss loss = new TemporalLoss(W, H, warped, weights, 3);
        float[] gradient = new float[image.length];
        double value = loss.addTo(image, gradient, W, H);
        // λ / D Σ c (x − ω)² with D = 60: 3 / 60 · (0.25 + 0.0625 + 0.5625)
        assertEquals(3.0 / 60 * 0.875, value, 1e-7);
        assertEquals(2 * 3.0 / 60 * 0.5, gradient[0], 1e-7);
        assertEquals(2 * 3.0 / 60 * 0.75, gradient[2 * W * H], 1e-7);
        assertEquals(0, gradient[1]);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Random random = new Random(7);
        float[] warped = randoms(random, 3 * W * H);
        float[] weights = new float[W * H];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt(4) == 0 ? 0 : 1;
        }
        float[] image = randoms(random, 3 * W * H);
        TemporalLoss loss = new TemporalLoss(W, H, warped, weights, 250);
        float[] gradient = new float[image.length];
        loss.addTo(image, gradient, W, H);
        float h = 1e-2f;
        for (int k = 0; k < image.length; k++) {
            float[] plus = image.clone();
            float[] minus = image.clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (loss.addTo(plus, new float[image.length], W, H)
                    - loss.addTo(minus, new float[image.length], W, H)) / (2 * h);
            // the loss is quadratic in each value, so the central difference is exact up to rounding: the values
            // (~λ/D = 4) are summed in double from float differences, whose rounding (~1e-7 relative of x ± h)
            // divided by 2h leaves ~1e-4 of the slope
            assertEquals(numeric, gradient[k], 1e-4 * Math.max(1, Math.abs(numeric)), "value " + k);
        }
    }

    @Test
    void gradientIsAddedToWhatIsThere() {
        float[] warped = new float[3 * W * H];
        float[] weights = new float[W * H];
        java.util.Arrays.fill(weights, 1);
        float[] image = new float[3 * W * H];
        image[7] = 1;
        float[] gradient = new float[image.length];
        gradient[7] = 10;
        new TemporalLoss(W, H, warped, weights, 30).addTo(image, gradient, W, H);
        assertEquals(10 + 2 * 30.0 / 60, gradient[7], 1e-6);
    }

    @Test
    void anotherSizeIsRefused() {
        TemporalLoss loss = new TemporalLoss(W, H, new float[3 * W * H], new float[W * H], 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.addTo(new float[3 * H * W], new float[3 * H * W], H, W));
        assertEquals("the temporal loss was made for 5×4 frames, the run works at 4×5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TemporalLoss(W, H, new float[3], new float[W * H], 1));
        assertThrows(IllegalArgumentException.class,
                () -> new TemporalLoss(W, H, new float[3 * W * H], new float[W * H], Double.NaN));
    }

    private static float[] randoms(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextFloat();
        }
        return a;
    }
}
