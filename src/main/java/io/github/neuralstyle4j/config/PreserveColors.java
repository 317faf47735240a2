package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Keeping the content's colours: the two methods of Gatys et al., "Controlling Perceptual Factors in Neural Style
 * Transfer" (CVPR 2017), section 5.
 */
public enum PreserveColors {
    /** The style's colours are transferred too, as in the seed. */
    NONE("none"),
    /** Stylize the luminance only (content and style as grey images), then put the content's chroma back (YIQ). */
    LUMINANCE("luminance"),
    /** Recolour the style images first so that their RGB mean and covariance are the content's. */
    HISTOGRAM("histogram");

    private final String jsonName;

    PreserveColors(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** @throws ConfigException listing the valid names */
    @JsonCreator
    public static PreserveColors parse(String name) {
        return Checks.oneOf(PreserveColors.class, PreserveColors::jsonName, name, JsonPaths.ROOT);
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
