package io.github.neuralstyle4j.image;

/**
 * A port of Pillow's {@code Image.resize(size, BILINEAR)} for 8-bit images (libImaging/Resample.c), so that
 * resized images match the PyTorch tutorial byte for byte.
 *
 * <p>Pillow's "bilinear" is not textbook bilinear interpolation: it is a separable convolution with a
 * triangle filter whose support grows with the downscale factor, so downscaling is antialiased. Rows are
 * resampled first, then columns; each pass rounds to 8 bits, using fixed-point weights with
 * {@value #PRECISION_BITS} fractional bits. The double-precision arithmetic below follows the C code
 * operation for operation, so the rounded weights, and therefore the output bytes, are identical.
 */
final class PilBilinear {

    /** 32 bits minus 8 for the sample minus 2 of headroom for filters with negative lobes. */
    static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double FILTER_SUPPORT = 1.0;

    private PilBilinear() {}

    static Rgb8Image resize(Rgb8Image image, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        // Pillow skips a pass whose size is unchanged; with this filter that pass would be an identity anyway.
        Rgb8Image rows = width == image.width ? image : resampleRows(image, Kernel.of(image.width, width));
        return height == image.height ? rows : resampleColumns(rows, Kernel.of(image.height, height));
    }

    /** Per output position: the first input index, the number of taps, and their fixed-point weights. */
    record Kernel(int[] first, int[] count, int[] weights, int stride) {

        /** Pillow's {@code precompute_coeffs} followed by {@code normalize_coeffs_8bpc}. */
        static Kernel of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0); // widen the filter only when shrinking
            double support = FILTER_SUPPORT * filterScale;
            int stride = (int) Math.ceil(support) * 2 + 1;

            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * stride];
            double[] w = new double[stride];
            for (int out = 0; out < outSize; out++) {
                double center = (out + 0.5) * scale;
                double inverseScale = 1.0 / filterScale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize);
                int n = max - min;
                double sum = 0.0;
                for (int i = 0; i < n; i++) {
                    w[i] = triangle((i + min - center + 0.5) * inverseScale);
                    sum += w[i];
                }
                for (int i = 0; i < n; i++) {
                    if (sum != 0.0) {
                        w[i] /= sum;
                    }
                    weights[out * stride + i] = toFixedPoint(w[i]);
                }
                first[out] = min;
                count[out] = n;
            }
            return new Kernel(first, count, weights, stride);
        }
    }

    static double triangle(double x) {
        double a = Math.abs(x);
        return a < 1.0 ? 1.0 - a : 0.0;
    }

    /** Rounds half away from zero, as Pillow does (the C cast truncates towards zero). */
    static int toFixedPoint(double weight) {
        double scaled = weight * (1 << PRECISION_BITS);
        return (int) (weight < 0 ? scaled - 0.5 : scaled + 0.5);
    }

    /** Pillow's {@code clip8}: drop the fraction bits and saturate to 0..255. */
    static int clip8(int accumulator) {
        int value = accumulator >> PRECISION_BITS;
        return value < 0 ? 0 : Math.min(value, 255);
    }

    private static Rgb8Image resampleRows(Rgb8Image in, Kernel kernel) {
        int outWidth = kernel.first().length;
        Rgb8Image out = Rgb8Image.blank(outWidth, in.height);
        for (int row = 0; row < RgbImage.CHANNELS * in.height; row++) { // channel planes stacked
            int inRow = row * in.width;
            int outRow = row * outWidth;
            for (int x = 0; x < outWidth; x++) {
                int first = kernel.first()[x];
                int k = x * kernel.stride();
                int sum = 1 << (PRECISION_BITS - 1); // +0.5 so that the final shift rounds
                for (int i = 0; i < kernel.count()[x]; i++) {
                    sum += (in.chw[inRow + first + i] & 0xFF) * kernel.weights()[k + i];
                }
                out.chw[outRow + x] = (byte) clip8(sum);
            }
        }
        return out;
    }

    private static Rgb8Image resampleColumns(Rgb8Image in, Kernel kernel) {
        int outHeight = kernel.first().length;
        int width = in.width;
        Rgb8Image out = Rgb8Image.blank(width, outHeight);
        for (int channel = 0; channel < RgbImage.CHANNELS; channel++) {
            int inPlane = channel * in.height * width;
            int outPlane = channel * outHeight * width;
            for (int y = 0; y < outHeight; y++) {
                int first = kernel.first()[y];
                int k = y * kernel.stride();
                for (int x = 0; x < width; x++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int i = 0; i < kernel.count()[y]; i++) {
                        sum += (in.chw[inPlane + (first + i) * width + x] & 0xFF) * kernel.weights()[k + i];
                    }
                    out.chw[outPlane + y * width + x] = (byte) clip8(sum);
                }
            }
        }
        return out;
    }
}
