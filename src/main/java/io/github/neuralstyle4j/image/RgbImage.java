package io.github.neuralstyle4j.image;

/**
 * An immutable RGB image of 32-bit floats, stored planar in CHW order.
 *
 * <p>The layout is exactly that of an NCHW tensor of shape {@code [1, 3, height, width]}: the whole red
 * plane, then green, then blue, each plane row by row. Values are nominally in {@code [0, 1]}, as produced
 * by torchvision's {@code ToTensor}; values outside that range are allowed (an optimiser may produce them)
 * and are clamped only when the image is written.
 */
public final class RgbImage {

    /** Number of colour channels. */
    public static final int CHANNELS = 3;

    private final int width;
    private final int height;
    private final float[] chw;

    /** Takes ownership of {@code chw}; callers must have validated it and must not keep a reference. */
    private RgbImage(int width, int height, float[] chw) {
        this.width = width;
        this.height = height;
        this.chw = chw;
    }

    /**
     * Creates an image from planar CHW data; the array is copied, so the caller may reuse it.
     *
     * @throws IllegalArgumentException if a dimension is not positive or the length is not {@code 3·w·h}
     */
    public static RgbImage of(int width, int height, float[] chw) {
        if (chw == null) {
            throw new IllegalArgumentException("pixel data is null");
        }
        checkLength(width, height, chw.length);
        return new RgbImage(width, height, chw.clone());
    }

    /**
     * The image's 8-bit samples as floats in [0, 1], as an image file with these pixels would be loaded (colour
     * models, palettes and alpha are handled as {@link ImageLoading} handles decoded files).
     */
    public static RgbImage fromBufferedImage(java.awt.image.BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("image is null");
        }
        return RasterConversion.toRgb8(image).toRgbImage();
    }

    /** An opaque 8-bit RGB image: values clamped to [0, 1] and rounded, as {@link ImageWriter} writes them. */
    public java.awt.image.BufferedImage toBufferedImage() {
        return RasterConversion.toBufferedImage(Rgb8Image.quantise(this));
    }

    /** Wraps an array this package has just filled, avoiding a second copy of a possibly large image. */
    static RgbImage wrap(int width, int height, float[] chw) {
        checkLength(width, height, chw.length);
        return new RgbImage(width, height, chw);
    }

    /** Returns {@code 3·width·height}, failing if the dimensions are invalid or too large for an array. */
    static int planarLength(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long length = (long) CHANNELS * width * height;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image " + width + "x" + height + " is too large for one array");
        }
        return (int) length;
    }

    private static void checkLength(int width, int height, int actual) {
        int expected = planarLength(width, height);
        if (actual != expected) {
            throw new IllegalArgumentException("expected 3*" + width + "*" + height + " = " + expected
                    + " values for a " + width + "x" + height + " RGB image, got " + actual);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * The pixel data in CHW order (the NCHW layout {@code [1, 3, H, W]}), without a copy.
     *
     * <p><b>Do not modify the returned array</b>: it is this image's storage, shared for speed so that
     * large images can be handed to tensor libraries without copying.
     */
    public float[] planar() {
        return chw;
    }

    /** The value of one channel ({@code 0}=red, {@code 1}=green, {@code 2}=blue) at pixel {@code (x, y)}. */
    public float get(int channel, int x, int y) {
        if (channel < 0 || channel >= CHANNELS || x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException(
                    "(" + channel + ", " + x + ", " + y + ") outside 3x" + width + "x" + height);
        }
        return chw[(channel * height + y) * width + x];
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
