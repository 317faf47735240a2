package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The image the optimisation starts from. */
public enum InitImage {
    /** A copy of the content image, as in the PyTorch tutorial: converges fastest and keeps the content's layout. */
    CONTENT("content");

    private final String jsonName;

    InitImage(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in configuration files. */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /**
     * The value named {@code name} in a configuration file.
     *
     * @throws ConfigException listing the valid names
     */
    @JsonCreator
    public static InitImage parse(String name) {
        return Checks.oneOf(InitImage.class, InitImage::jsonName, name, JsonPaths.ROOT);
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
