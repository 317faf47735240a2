package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.image.ImageWriter;
import io.github.neuralstyle4j.image.RgbImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Synthetic frames for the tests: a smooth colour texture seen through a moving camera, plus a moving square. */
final class Clips {

    private Clips() {
    }

    /** The texture at (x + shiftX, y + shiftY): a camera panned by (shiftX, shiftY) pixels. */
    static RgbImage texture(int w, int h, double shiftX, double shiftY) {
        float[] chw = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x + shiftX;
                double v = y + shiftY;
                chw[y * w + x] = (float) (0.5 + 0.4 * Math.sin(u * 0.31) * Math.cos(v * 0.23));
                chw[w * h + y * w + x] = (float) (0.5 + 0.4 * Math.sin(u * 0.17 + v * 0.29));
                chw[2 * w * h + y * w + x] = (float) (0.5 + 0.4 * Math.cos(u * 0.11 - v * 0.37));
            }
        }
        return RgbImage.of(w, h, chw);
    }

    /** {@code n} frames of a pan of 1 px per frame with a dark square moving the other way, written as PNGs. */
    static List<Path> write(Path folder, int n, int w, int h) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RgbImage frame = texture(w, h, i, 0);
            float[] chw = frame.planar().clone();
            int x0 = w / 2 - 2 * i;
            for (int y = h / 3; y < h / 3 + 10; y++) {
                for (int x = Math.max(x0, 0); x < Math.min(x0 + 10, w); x++) {
                    for (int c = 0; c < 3; c++) {
                        chw[c * w * h + y * w + x] = 0.1f;
                    }
                }
            }
            Path file = folder.resolve(String.format("in_%03d.png", i));
            ImageWriter.write(RgbImage.of(w, h, chw), file);
            files.add(file);
        }
        return files;
    }
}
