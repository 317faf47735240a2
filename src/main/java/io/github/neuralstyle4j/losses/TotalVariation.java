package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Total variation of the image, the squared-difference form (β = 2 in Mahendran &amp; Vedaldi 2015; what the Lua
 * neural-style's TV module differentiates):
 * TV(x) = Σ_c Σ_{i,j} [(x[c,i,j+1] − x[c,i,j])² + (x[c,i+1,j] − x[c,i,j])²] / (3·H·W).
 *
 * <p>Squared rather than absolute differences (neural-style-pt's and TensorFlow's L1 form): the squared form is
 * smooth, so L-BFGS's curvature pairs stay meaningful, whereas |d| has a kink at every flat pair of pixels, which is
 * common in drawn images. Dividing by the number of values, as the content loss's MSE does, keeps a weight meaning
 * the same at every image size.
 *
 * <p>The gradient, ∂TV/∂x[c,i,j] = 2/(3HW) · [(x[i,j] − x[i,j−1]) − (x[i,j+1] − x[i,j]) + (x[i,j] − x[i−1,j])
 * − (x[i+1,j] − x[i,j])] with the terms of missing neighbours left out, is plain loops over the native buffers:
 * no ND4J element-wise ops, which contend with OpenBLAS's threads (see {@link Level1}).
 */
public final class TotalVariation {

    private final int height;
    private final int width;

    public TotalVariation(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        this.height = height;
        this.width = width;
    }

    /**
     * Returns {@code weight · TV(x)} and adds {@code weight · ∂TV/∂x} into {@code gradient}; both arrays hold
     * 3·H·W contiguous float32 values in CHW order (flat or [1, 3, H, W]).
     */
    public double accumulate(INDArray image, INDArray gradient, double weight) {
        long n = 3L * height * width;
        if (image.length() != n || gradient.length() != n) {
            throw new IllegalArgumentException("expected " + n + " values, got " + image.length() + " and "
                    + gradient.length());
        }
        FloatBuffer x = buffer(image);
        FloatBuffer g = buffer(gradient);
        double norm = 1.0 / n;
        double sum = 0;
        float scale = (float) (2 * weight * norm);
        for (int c = 0; c < 3; c++) {
            int plane = c * height * width;
            for (int i = 0; i < height; i++) {
                int row = plane + i * width;
                for (int j = 0; j < width; j++) {
                    int at = row + j;
                    float v = x.get(at);
                    if (j + 1 < width) {
                        float d = x.get(at + 1) - v;
                        sum += (double) d * d;
                        if (weight != 0) {
                            // d = x[at+1] − x[at]: ∂d²/∂x[at+1] = 2d, ∂d²/∂x[at] = −2d
                            g.put(at + 1, g.get(at + 1) + scale * d);
                            g.put(at, g.get(at) - scale * d);
                        }
                    }
                    if (i + 1 < height) {
                        float d = x.get(at + width) - v;
                        sum += (double) d * d;
                        if (weight != 0) {
                            g.put(at + width, g.get(at + width) + scale * d);
                            g.put(at, g.get(at) - scale * d);
                        }
                    }
                }
            }
        }
        return weight * sum * norm;
    }

    /** The array's own memory as a float buffer (never a copy: the gradient must land in the original). */
    private static FloatBuffer buffer(INDArray a) {
        if (a.offset() != 0 || a.length() != a.data().length() || (a.rank() > 1 && a.ordering() != 'c')) {
            throw new IllegalArgumentException("array is not a whole contiguous buffer: " + a.shapeInfoToString());
        }
        return a.data().asNioFloat();
    }
}
