package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One style image and its blend weight. In a file either a plain string (weight 1) or
 * {@code { "image": ..., "weight": ... }}; the run divides the weights by their sum, so only their ratios matter.
 *
 * @param image  a file path or a {@code builtin:} name
 * @param weight the blend weight (finite, >= 0)
 */
public record StyleImage(String image, double weight) {
    public static final double DEFAULT_WEIGHT = 1;

    public StyleImage {
        Checks.nonBlank(image, "$.image");
        Checks.finiteNonNegative(weight, "$.weight");
    }

    /** The image with the default weight. */
    public static StyleImage of(String image) {
        return new StyleImage(image, DEFAULT_WEIGHT);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static StyleImage fromJson(String image) {
        Checks.nonBlank(image, JsonPaths.ROOT);
        return of(image);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static StyleImage fromJson(@JsonProperty("image") String image, @JsonProperty("weight") Double weight) {
        return new StyleImage(image, weight != null ? weight : DEFAULT_WEIGHT);
    }
}
