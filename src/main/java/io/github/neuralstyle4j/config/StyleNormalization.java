package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How each style layer's loss is scaled before its layer weight applies.
 *
 * <p>The seed's layer loss is mean((G − A)²) over the C×C entries with G = F·Fᵀ/(C·M) (M = H·W positions), that is
 * Σ(F·Fᵀ − S·Sᵀ)² / (C⁴·M²). Gatys et al. (2016, eq. 4; also neural-style-tf) use E = Σ(F·Fᵀ − S·Sᵀ)² / (4·C²·M²).
 * The two differ by C²/4 per layer, so the seed weighs a 512-channel layer 64× less, relative to a 64-channel layer,
 * than the paper does. {@link #GATYS} multiplies each layer's loss by C²/4 to give the paper's E exactly.
 */
public enum StyleNormalization {
    /** The seed's per-layer loss, unchanged. */
    NONE("none"),
    /** The paper's E = Σ(F·Fᵀ − S·Sᵀ)² / (4·C²·M²): the seed's loss times C²/4. */
    GATYS("gatys");

    private final String jsonName;

    StyleNormalization(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The factor that turns the seed's loss of a layer with {@code channels} channels into this convention's. */
    public double factor(long channels) {
        return this == GATYS ? (double) channels * channels / 4.0 : 1.0;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** @throws ConfigException listing the valid names */
    @JsonCreator
    public static StyleNormalization parse(String name) {
        return Checks.oneOf(StyleNormalization.class, StyleNormalization::jsonName, name, JsonPaths.ROOT);
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
