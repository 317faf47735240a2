package io.github.neuralstyle4j.image;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Luminance transfer and colour matching against their closed forms. */
class ColorTransformsTest {

    /** Pixels with correlated channels (a shared component plus noise), so the covariance is full. */
    private static RgbImage randomImage(long seed, int w, int h, double[] tint) {
        Random r = new Random(seed);
        int n = w * h;
        float[] v = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double shared = r.nextDouble();
            for (int c = 0; c < 3; c++) {
                v[c * n + i] = (float) (tint[c] * shared + 0.3 * r.nextDouble());
            }
        }
        return RgbImage.of(w, h, v);
    }

    @Test
    void greyIsBt601LumaInEveryChannel() {
        RgbImage grey = Luminance.grey(RgbImage.of(1, 1, new float[] {1, 0.5f, 0.25f}));
        // 0.299 + 0.587 · 0.5 + 0.114 · 0.25
        double y = 0.299 + 0.2935 + 0.0285;
        for (int c = 0; c < 3; c++) {
            assertEquals(y, grey.get(c, 0, 0), 1e-7);
        }
    }

    @Test
    void recombinationKeepsTheContentsChromaAndTheResultsLuma() {
        RgbImage content = randomImage(1, 9, 7, new double[] {0.6, 0.3, 0.1});
        RgbImage result = randomImage(2, 9, 7, new double[] {0.2, 0.5, 0.4});
        RgbImage out = Luminance.recombine(result, content);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                double[] o = Luminance.yiq(out.get(0, x, y), out.get(1, x, y), out.get(2, x, y));
                double[] c = Luminance.yiq(content.get(0, x, y), content.get(1, x, y), content.get(2, x, y));
                double[] r = Luminance.yiq(result.get(0, x, y), result.get(1, x, y), result.get(2, x, y));
                // the output is stored as float32: values of order 1 carry ~6e-8 rounding, and YIQ's rows sum
                // absolute coefficients of at most 1.2, so 1e-6 is a generous bound; a wrong inverse is off by 1e-2+
                assertEquals(c[1], o[1], 1e-6, "I at " + x + "," + y);
                assertEquals(c[2], o[2], 1e-6, "Q at " + x + "," + y);
                assertEquals(r[0], o[0], 1e-6, "Y at " + x + "," + y);
            }
        }
    }

    @Test
    void luminanceMomentsAreMatched() {
        RgbImage style = Luminance.grey(randomImage(3, 8, 8, new double[] {0.9, 0.9, 0.2}));
        RgbImage content = Luminance.grey(randomImage(4, 10, 6, new double[] {0.1, 0.2, 0.3}));
        RgbImage matched = Luminance.matchMoments(style, content);
        ColorMatching.Moments m = ColorMatching.Moments.of(matched);
        ColorMatching.Moments c = ColorMatching.Moments.of(content);
        assertEquals(c.mean()[0], m.mean()[0], 1e-6);
        assertEquals(c.covariance()[0][0], m.covariance()[0][0], 1e-6);
    }

    @Test
    void matchedStyleHasTheContentsMeanAndCovariance() {
        RgbImage style = randomImage(5, 12, 10, new double[] {0.2, 0.4, 0.9});
        RgbImage content = randomImage(6, 15, 9, new double[] {0.8, 0.5, 0.1});
        ColorMatching.Moments before = ColorMatching.Moments.of(style);
        ColorMatching.Moments m = ColorMatching.Moments.of(ColorMatching.matchTo(style, content));
        ColorMatching.Moments c = ColorMatching.Moments.of(content);
        // float32 storage of the matched pixels (~6e-8 each) moves means and covariances by ~1e-8; the images'
        // own covariances are ~1e-2, so 1e-6 separates rounding from any error in the transform
        for (int i = 0; i < 3; i++) {
            assertEquals(c.mean()[i], m.mean()[i], 1e-6, "mean " + i);
            for (int j = 0; j < 3; j++) {
                assertEquals(c.covariance()[i][j], m.covariance()[i][j], 1e-6, "covariance " + i + "," + j);
            }
        }
        // and the style really was different to begin with
        assertTrue(Math.abs(before.mean()[0] - c.mean()[0]) > 0.1);
    }

    @Test
    void aGreyStyleIsMatchedWithoutNaNs() {
        // R = G = B: a rank-one covariance, which has no Cholesky factor without the ridge
        float[] v = new float[3 * 16];
        for (int i = 0; i < 16; i++) {
            v[i] = v[16 + i] = v[32 + i] = i / 15f;
        }
        RgbImage content = randomImage(7, 4, 4, new double[] {0.8, 0.5, 0.1});
        RgbImage matched = ColorMatching.matchTo(RgbImage.of(4, 4, v), content);
        for (float f : matched.planar()) {
            assertTrue(Float.isFinite(f));
        }
        ColorMatching.Moments m = ColorMatching.Moments.of(matched);
        assertEquals(ColorMatching.Moments.of(content).mean()[0], m.mean()[0], 1e-6);
    }
}
