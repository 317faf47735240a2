package io.github.neuralstyle4j.image;

/**
 * Resizing as in the PyTorch tutorial: torchvision's {@code transforms.Resize} applied to a PIL image, which
 * calls PIL's {@code Image.resize} with {@code BILINEAR} (antialiased; see {@link PilBilinear}).
 *
 * <p>Resampling works on 8-bit data, as PIL does: the input is rounded to bytes first, which is lossless for
 * images that came from {@link ImageLoading}, and the result is again {@code byte / 255}.
 */
public final class Resize {

    /** A width and height in pixels. */
    public record Size(int width, int height) {
        public Size {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
            }
        }

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    private Resize() {}

    /**
     * The output size of torchvision's {@code Resize(size)} with an int: the shorter side becomes
     * {@code size}, the longer {@code int(size * long / short)}, truncated as in torchvision's
     * {@code _compute_resized_output_size} (so 640x480 at 128 gives 170x128, not 171x128).
     */
    public static Size outputSize(int width, int height, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + size);
        }
        Size input = new Size(width, height);
        // Mirrors torchvision: short, long = (w, h) if w <= h else (h, w).
        boolean widthIsShort = input.width() <= input.height();
        int shortSide = widthIsShort ? input.width() : input.height();
        int longSide = widthIsShort ? input.height() : input.width();
        // Python evaluates size * long / short in double precision and int() truncates; so do we.
        int newLong = (int) ((double) size * longSide / shortSide);
        return widthIsShort ? new Size(size, newLong) : new Size(newLong, size);
    }

    /** torchvision {@code Resize(size)}: scales the image so that its shorter side is {@code size}. */
    public static RgbImage shorterSideTo(RgbImage image, int size) {
        Size target = outputSize(image.width(), image.height(), size);
        return to(image, target.width(), target.height());
    }

    /**
     * Resizes to exactly {@code width x height} (torchvision {@code Resize((h, w))}), e.g. to bring the style
     * image to the content image's size. Returns the image itself if it already has that size.
     */
    public static RgbImage to(RgbImage image, int width, int height) {
        Size target = new Size(width, height);
        if (image.width() == target.width() && image.height() == target.height()) {
            return image;
        }
        return PilBilinear.resize(Rgb8Image.quantise(image), target.width(), target.height()).toRgbImage();
    }
}
