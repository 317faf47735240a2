package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.api.ImageTerm;

/**
 * Ruder, Dosovitskiy &amp; Brox 2016's short-term temporal loss, L = λ / D · Σ_k c_k (x_k − ω_k)², over the
 * D = 3·H·W values of the image x, where ω is the previous frame's result warped into this frame and c the
 * consistency weight of the value's pixel ({@link Consistency}); its gradient is 2λ / D · c_k (x_k − ω_k).
 * Dividing by D, as the content loss's mean does, keeps λ meaning the same at every frame size.
 */
public final class TemporalLoss implements ImageTerm {

    private final int width;
    private final int height;
    private final float[] warped;
    private final float[] weights;
    private final double lambda;

    /**
     * @param warped  the previous result warped into this frame (planar RGB, width·height·3 values)
     * @param weights the consistency weight of each pixel (width·height values, row by row)
     * @param lambda  the loss's weight (finite, >= 0)
     */
    public TemporalLoss(int width, int height, float[] warped, float[] weights, double lambda) {
        if (warped.length != 3 * width * height || weights.length != width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " frame needs " + 3 * width * height
                    + " warped values and " + width * height + " weights, got " + warped.length + " and "
                    + weights.length);
        }
        if (!(Double.isFinite(lambda) && lambda >= 0)) {
            throw new IllegalArgumentException("the temporal weight must be finite and >= 0, got " + lambda);
        }
        this.width = width;
        this.height = height;
        this.warped = warped.clone();
        this.weights = weights.clone();
        this.lambda = lambda;
    }

    @Override
    public double addTo(float[] image, float[] gradient, int imageWidth, int imageHeight) {
        if (imageWidth != width || imageHeight != height || image.length != warped.length
                || gradient.length != warped.length) {
            throw new IllegalArgumentException("the temporal loss was made for " + width + "×" + height
                    + " frames, the run works at " + imageWidth + "×" + imageHeight);
        }
        int plane = width * height;
        double scale = lambda / warped.length;
        double sum = 0;
        for (int k = 0; k < warped.length; k++) {
            float c = weights[k % plane];
            if (c != 0) {
                double d = image[k] - warped[k];
                sum += c * d * d;
                gradient[k] += (float) (2 * scale * c * d);
            }
        }
        return scale * sum;
    }
}
