package io.github.neuralstyle4j.api;

/**
 * An extra term of the objective computed on the image itself rather than on the backbone's features: video's
 * temporal loss (Ruder et al. 2016) is one. The run adds its value to the loss (reported as
 * {@link io.github.neuralstyle4j.engine.Evaluation#image()}) and its gradient to dL/dx at every evaluation.
 *
 * <p>Both arrays are planar RGB at the run's working size (3·H·W values, channel by channel, row by row), in the
 * [0, 1] scale the optimiser works in. A term is called on the run's thread only.
 */
@FunctionalInterface
public interface ImageTerm {

    /**
     * Returns the term's value at {@code image} and adds its gradient with respect to {@code image} into
     * {@code gradient}.
     *
     * @param width  the working width in pixels
     * @param height the working height in pixels
     * @throws IllegalArgumentException if the term was made for another size
     */
    double addTo(float[] image, float[] gradient, int width, int height);
}
