package io.github.neuralstyle4j.image;

/**
 * Luminance-only style transfer (Gatys et al., "Controlling Perceptual Factors in Neural Style Transfer", 2017,
 * §5.1) in the YIQ colour space: the network sees grey images (Y in all three channels), and the result's Y is then
 * joined with the content's I and Q.
 *
 * <p>Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as the paper); I and Q are the FCC NTSC rows. The inverse is this
 * matrix's exact inverse (computed in double), not the rounded published one, so a round trip loses nothing but
 * float rounding.
 */
public final class Luminance {

    private static final double[][] RGB_TO_YIQ = {
            {0.299, 0.587, 0.114},
            {0.595716, -0.274453, -0.321263},
            {0.211456, -0.522591, 0.311135}};
    private static final double[][] YIQ_TO_RGB = Matrix3.inverse(RGB_TO_YIQ);

    private Luminance() {
    }

    /** Y, I, Q of one RGB pixel. */
    public static double[] yiq(double r, double g, double b) {
        return Matrix3.times(RGB_TO_YIQ, r, g, b);
    }

    /** The image as grey: each pixel's Y in all three channels. */
    public static RgbImage grey(RgbImage image) {
        float[] src = image.planar();
        int n = image.width() * image.height();
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            float y = (float) luma(src[i], src[n + i], src[2 * n + i]);
            out[i] = y;
            out[n + i] = y;
            out[2 * n + i] = y;
        }
        return RgbImage.wrap(image.width(), image.height(), out);
    }

    /**
     * The paper's luminance histogram matching: the grey style's Y shifted and scaled to the mean and standard
     * deviation of the grey content's Y (both grey images as made by {@link #grey}).
     */
    public static RgbImage matchMoments(RgbImage greyStyle, RgbImage greyContent) {
        double[] s = meanAndStd(greyStyle);
        double[] c = meanAndStd(greyContent);
        // a flat style has no spread to scale: only its mean moves
        double gain = s[1] > 0 ? c[1] / s[1] : 1;
        float[] src = greyStyle.planar();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = (float) ((src[i] - s[0]) * gain + c[0]);
        }
        return RgbImage.wrap(greyStyle.width(), greyStyle.height(), out);
    }

    /**
     * The colours of {@code chroma} with the luminance of {@code luma}: Y from {@code luma}'s pixels, I and Q from
     * {@code chroma}'s, back to RGB. Values may leave [0, 1]; the image writer clamps.
     */
    public static RgbImage recombine(RgbImage luma, RgbImage chroma) {
        if (luma.width() != chroma.width() || luma.height() != chroma.height()) {
            throw new IllegalArgumentException("sizes differ: " + luma + " and " + chroma);
        }
        float[] l = luma.planar();
        float[] c = chroma.planar();
        int n = luma.width() * luma.height();
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double y = luma(l[i], l[n + i], l[2 * n + i]);
            double[] yiq = yiq(c[i], c[n + i], c[2 * n + i]);
            double[] rgb = Matrix3.times(YIQ_TO_RGB, y, yiq[1], yiq[2]);
            out[i] = (float) rgb[0];
            out[n + i] = (float) rgb[1];
            out[2 * n + i] = (float) rgb[2];
        }
        return RgbImage.wrap(luma.width(), luma.height(), out);
    }

    /** Y = 0.299 R + 0.587 G + 0.114 B of one pixel (ITU-R BT.601). */
    public static double luma(double r, double g, double b) {
        return RGB_TO_YIQ[0][0] * r + RGB_TO_YIQ[0][1] * g + RGB_TO_YIQ[0][2] * b;
    }

    /** Mean and population standard deviation of the first channel (a grey image's Y). */
    private static double[] meanAndStd(RgbImage grey) {
        float[] v = grey.planar();
        int n = grey.width() * grey.height();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[i];
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = v[i] - mean;
            sq += d * d;
        }
        return new double[] {mean, Math.sqrt(sq / n)};
    }
}
