package io.github.neuralstyle4j.image;

/**
 * An RGB image of unsigned bytes in CHW order: the working form for decoding, resizing and encoding,
 * because PIL does all of these on 8-bit data and we want to reproduce it exactly.
 */
final class Rgb8Image {

    final int width;
    final int height;
    /** Unsigned 8-bit samples, CHW; read them with {@code & 0xFF}. */
    final byte[] chw;

    Rgb8Image(int width, int height, byte[] chw) {
        if (chw.length != RgbImage.planarLength(width, height)) {
            throw new IllegalArgumentException("expected " + RgbImage.planarLength(width, height)
                    + " samples for " + width + "x" + height + ", got " + chw.length);
        }
        this.width = width;
        this.height = height;
        this.chw = chw;
    }

    static Rgb8Image blank(int width, int height) {
        return new Rgb8Image(width, height, new byte[RgbImage.planarLength(width, height)]);
    }

    int planeSize() {
        return width * height;
    }

    int get(int channel, int x, int y) {
        return chw[(channel * height + y) * width + x] & 0xFF;
    }

    /** Exactly torchvision's {@code ToTensor}: each byte divided by 255 in float32. */
    RgbImage toRgbImage() {
        float[] values = new float[chw.length];
        for (int i = 0; i < chw.length; i++) {
            values[i] = (chw[i] & 0xFF) / 255f;
        }
        return RgbImage.wrap(width, height, values);
    }

    /**
     * Clamps to {@code [0, 1]} and rounds to the nearest byte (NaN becomes 0). Lossless for images made by
     * {@link #toRgbImage()}, since {@code round(b / 255f * 255)} is {@code b} for every byte.
     */
    static Rgb8Image quantise(RgbImage image) {
        float[] values = image.planar();
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) toByte(values[i]);
        }
        return new Rgb8Image(image.width(), image.height(), bytes);
    }

    static int toByte(float value) {
        if (!(value > 0f)) { // also catches NaN
            return 0;
        }
        if (value >= 1f) {
            return 255;
        }
        return Math.round(value * 255f);
    }
}
