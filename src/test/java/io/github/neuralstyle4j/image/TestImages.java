package io.github.neuralstyle4j.image;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Helpers shared by the tests: synthetic images and access to the PIL reference files. */
final class TestImages {

    private TestImages() {}

    /** An image whose every channel sample is {@code f(channel, x, y) / 255}. */
    static RgbImage fromBytes(int width, int height, ByteFormula formula) {
        float[] chw = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    chw[(c * height + y) * width + x] = formula.at(c, x, y) / 255f;
                }
            }
        }
        return RgbImage.of(width, height, chw);
    }

    @FunctionalInterface
    interface ByteFormula {
        int at(int channel, int x, int y);
    }

    /** The value as an 8-bit level; exact for images that came from bytes. */
    static int level(RgbImage image, int channel, int x, int y) {
        return Math.round(image.get(channel, x, y) * 255f);
    }

    /** The largest difference between two same-sized images, in 8-bit levels. */
    static int maxLevelDifference(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new AssertionError("sizes differ: " + a + " vs " + b);
        }
        int max = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < a.height(); y++) {
                for (int x = 0; x < a.width(); x++) {
                    max = Math.max(max, Math.abs(level(a, c, x, y) - level(b, c, x, y)));
                }
            }
        }
        return max;
    }

    static Path resource(String name) {
        URL url = TestImages.class.getResource("/image/" + name);
        if (url == null) {
            throw new AssertionError("missing test resource /image/" + name
                    + "; run tools/reference/pil_resize_reference.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
