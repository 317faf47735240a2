package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The style term of the loss: {@code weight * sum over layers of (layer weight * MSE(Gram matrices))}.
 *
 * @param images one or more style images: file paths or {@code builtin:} names (unmodifiable)
 * @param weight the weight of the whole style term (finite, >= 0); the tutorial's 1e6 balances the tiny Gram MSEs
 *               against the content MSE
 * @param layers backbone layer name to per-layer weight, in the file's order (unmodifiable)
 */
public record StyleSpec(List<String> images, double weight, Map<String, Double> layers) {
    public static final double DEFAULT_WEIGHT = 1e6;

    public StyleSpec {
        images = Checks.nonEmptyStrings(images, "$.images", "image");
        Checks.finiteNonNegative(weight, "$.weight");
        layers = Checks.layerWeights(layers, "$.layers");
    }

    public StyleSpec withImages(List<String> newImages) {
        return new StyleSpec(newImages, weight, layers);
    }

    @JsonCreator
    static StyleSpec fromJson(
            @JsonProperty("images") List<String> images,
            @JsonProperty("weight") Double weight,
            @JsonProperty("layers") Map<String, Double> layers) {
        return new StyleSpec(images, weight != null ? weight : DEFAULT_WEIGHT, layers);
    }
}
