package io.github.neuralstyle4j.image;

/**
 * Colour histogram matching (Gatys et al., "Controlling Perceptual Factors in Neural Style Transfer", 2017, §5.2):
 * the style image's RGB pixels x become A(x − μ_s) + μ_c so that their mean and covariance are the content's.
 *
 * <p>A = L_c · L_s⁻¹ with L the Cholesky factors (Σ = L·Lᵀ), the first of the paper's two variants (the other uses
 * the symmetric square roots from an eigen-decomposition). Then A·Σ_s·Aᵀ = L_c·L_s⁻¹·L_s·L_sᵀ·L_s⁻ᵀ·L_cᵀ = Σ_c
 * exactly. The result is not clamped to [0, 1]: clamping would break the match, and the network takes any value.
 */
public final class ColorMatching {

    /**
     * Added to a covariance's diagonal only when it is singular (a grey or flat image), so that its Cholesky factor
     * exists. 8-bit quantisation alone has a variance of (1/255)²/12 ≈ 1.3e-6; 1e-5, a few times that, is invisible.
     */
    static final double RIDGE = 1e-5;

    private ColorMatching() {
    }

    /** {@code style} recoloured to the RGB mean and covariance of {@code content}. */
    public static RgbImage matchTo(RgbImage style, RgbImage content) {
        Moments s = Moments.of(style);
        Moments c = Moments.of(content);
        double[][] a = Matrix3.times(factor(c.covariance), Matrix3.inverse(factor(s.covariance)));
        float[] src = style.planar();
        int n = style.width() * style.height();
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double[] y = Matrix3.times(a, src[i] - s.mean[0], src[n + i] - s.mean[1], src[2 * n + i] - s.mean[2]);
            out[i] = (float) (y[0] + c.mean[0]);
            out[n + i] = (float) (y[1] + c.mean[1]);
            out[2 * n + i] = (float) (y[2] + c.mean[2]);
        }
        return RgbImage.wrap(style.width(), style.height(), out);
    }

    private static double[][] factor(double[][] covariance) {
        double[][] l = Matrix3.cholesky(covariance);
        if (l != null) {
            return l;
        }
        double[][] ridged = new double[3][];
        for (int i = 0; i < 3; i++) {
            ridged[i] = covariance[i].clone();
            ridged[i][i] += RIDGE;
        }
        return Matrix3.cholesky(ridged);
    }

    /**
     * The mean and population covariance (divided by N) of an image's RGB pixels, in double precision.
     *
     * @param mean       R, G, B means
     * @param covariance the 3×3 covariance
     */
    public record Moments(double[] mean, double[][] covariance) {

        public static Moments of(RgbImage image) {
            float[] v = image.planar();
            int n = image.width() * image.height();
            double[] mean = new double[3];
            for (int ch = 0; ch < 3; ch++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += v[ch * n + i];
                }
                mean[ch] = sum / n;
            }
            double[][] cov = new double[3][3];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b <= a; b++) {
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += (v[a * n + i] - mean[a]) * (v[b * n + i] - mean[b]);
                    }
                    cov[a][b] = sum / n;
                    cov[b][a] = cov[a][b];
                }
            }
            return new Moments(mean, cov);
        }
    }
}
