package io.github.neuralstyle4j.image;

/** Rectangles cut out of images. */
public final class Crops {

    private Crops() {
    }

    /** The {@code width}×{@code height} rectangle at ({@code x}, {@code y}) of {@code image}. */
    public static RgbImage of(RgbImage image, int x, int y, int width, int height) {
        if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > image.width() || y + height > image.height()) {
            throw new IllegalArgumentException("crop " + x + "," + y + " " + width + "×" + height + " outside "
                    + image.width() + "×" + image.height());
        }
        float[] src = image.planar();
        float[] out = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < height; row++) {
                System.arraycopy(src, (c * image.height() + y + row) * image.width() + x, out,
                        (c * height + row) * width, width);
            }
        }
        return RgbImage.wrap(width, height, out);
    }

    /** The centred {@code width}×{@code height} rectangle of {@code image}. */
    public static RgbImage centre(RgbImage image, int width, int height) {
        return of(image, (image.width() - width) / 2, (image.height() - height) / 2, width, height);
    }
}
