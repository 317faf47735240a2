package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * The content term of the loss: {@code weight * sum over layers of (layer weight * MSE(features))}.
 *
 * @param image  the content image: a file path or a {@code builtin:} name
 * @param weight the weight of the whole content term (finite, >= 0)
 * @param layers backbone layer name to per-layer weight, in the file's order (unmodifiable)
 */
public record ContentSpec(String image, double weight, Map<String, Double> layers) {
    public static final double DEFAULT_WEIGHT = 1;

    public ContentSpec {
        Checks.nonBlank(image, "$.image");
        Checks.finiteNonNegative(weight, "$.weight");
        layers = Checks.layerWeights(layers, "$.layers");
    }

    public ContentSpec withImage(String newImage) {
        return new ContentSpec(newImage, weight, layers);
    }

    @JsonCreator
    static ContentSpec fromJson(
            @JsonProperty("image") String image,
            @JsonProperty("weight") Double weight,
            @JsonProperty("layers") Map<String, Double> layers) {
        return new ContentSpec(image, weight != null ? weight : DEFAULT_WEIGHT, layers);
    }
}
