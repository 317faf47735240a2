package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One style image and its blend weight. In a file either a plain string (weight 1) or
 * {@code { "image": ..., "weight": ..., "mask": ... }}; the run divides the weights by their sum, so only their ratios
 * matter.
 *
 * @param image  a file path or a {@code builtin:} name
 * @param weight the blend weight (finite, >= 0)
 * @param mask   a grey image (path or {@code builtin:} name) restricting this style's Gram loss to its white region
 *               of the output (Gatys et al. 2017 §4), or null for the whole output
 */
public record StyleImage(String image, double weight, @JsonInclude(JsonInclude.Include.NON_NULL) String mask) {
    public static final double DEFAULT_WEIGHT = 1;

    public StyleImage {
        Checks.nonBlank(image, "$.image");
        Checks.finiteNonNegative(weight, "$.weight");
        if (mask != null) {
            Checks.nonBlank(mask, "$.mask");
        }
    }

    /** An image and its weight, unmasked. */
    public StyleImage(String image, double weight) {
        this(image, weight, null);
    }

    /** The image with the default weight. */
    public static StyleImage of(String image) {
        return new StyleImage(image, DEFAULT_WEIGHT);
    }

    /** This image and mask with another blend weight. */
    public StyleImage withWeight(double newWeight) {
        return new StyleImage(image, newWeight, mask);
    }

    /** This image and weight restricted to {@code newMask}'s white region (null for none). */
    public StyleImage withMask(String newMask) {
        return new StyleImage(image, weight, newMask);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static StyleImage fromJson(String image) {
        Checks.nonBlank(image, JsonPaths.ROOT);
        return of(image);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static StyleImage fromJson(@JsonProperty("image") String image, @JsonProperty("weight") Double weight,
                               @JsonProperty("mask") String mask) {
        return new StyleImage(image, weight != null ? weight : DEFAULT_WEIGHT, mask);
    }
}
