package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seam metric on generated images: a smooth texture, the same with a hard cut, and a feathered join. */
class SeamMetricTest {

    /** A smooth random texture: a sum of sinusoids of random direction and phase, periods 6 to 30 px. */
    static RgbImage texture(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] p = new float[3 * w * h];
        for (int k = 0; k < 12; k++) {
            double angle = r.nextDouble() * Math.PI;
            double period = 6 + 24 * r.nextDouble();
            double phase = r.nextDouble() * 2 * Math.PI;
            int channel = k % 3;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double t = (x * Math.cos(angle) + y * Math.sin(angle)) * 2 * Math.PI / period + phase;
                    p[(channel * h + y) * w + x] += (float) (0.0625 * (1 + Math.sin(t)));   // 4 per channel: [0, 0.5]
                }
            }
        }
        return RgbImage.of(w, h, p);
    }

    /** Left of {@code cut} from a, from it on from b. */
    static RgbImage join(RgbImage a, RgbImage b, int cut) {
        int w = a.width();
        int h = a.height();
        float[] p = a.planar().clone();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = cut; x < w; x++) {
                    p[(c * h + y) * w + x] = b.planar()[(c * h + y) * w + x];
                }
            }
        }
        return RgbImage.of(w, h, p);
    }

    @Test
    void aSmoothTextureHasNoSeamAndAHardCutBetweenTwoIsOne() {
        RgbImage a = texture(96, 64, 1);
        RgbImage b = texture(96, 64, 2);
        double plain = SeamMetric.of(a, List.of(48), List.of()).ratio();
        double cut = SeamMetric.of(join(a, b, 48), List.of(48), List.of()).ratio();
        // inside a smooth texture neighbouring columns differ alike (a sinusoid's slope barely changes over 4 px)
        assertTrue(plain > 0.8 && plain < 1.2, "no seam: " + plain);
        // two unrelated textures meeting: the step across the cut is of the order of the values, not the slope
        assertTrue(cut > 2, "hard cut: " + cut);
    }

    @Test
    void featheringTheSameTwoTexturesHidesTheJoin() {
        RgbImage a = texture(96, 64, 1);
        RgbImage b = texture(96, 64, 2);
        TileLayout layout = TileLayout.of(96, 64, 2, 1, 32, 1);
        TileLayout.Tile left = layout.tiles().get(0);
        TileLayout.Tile right = layout.tiles().get(1);
        FeatherBlend soft = new FeatherBlend(layout, true, a);
        soft.add(left, Crop.of(a, left));
        soft.add(right, Crop.of(b, right));
        FeatherBlend hard = new FeatherBlend(layout, false, a);
        hard.add(left, Crop.of(a, left));
        hard.add(right, Crop.of(b, right));
        double feathered = SeamMetric.of(soft.image(), layout).ratio();
        double cut = SeamMetric.of(hard.image(), layout).ratio();
        assertTrue(cut > 2, "hard: " + cut);
        // the ramp changes the mix by 1/32 per column: a slope far below the textures' own
        assertTrue(feathered < 1.2, "feathered: " + feathered);
    }
}
