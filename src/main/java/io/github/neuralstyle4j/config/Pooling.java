package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The backbone's pooling: as trained (max), or swapped for average pooling, which Gatys et al. found smoother. */
public enum Pooling {
    MAX("max"),
    AVG("avg");

    private final String jsonName;

    Pooling(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** @throws ConfigException listing the valid names */
    @JsonCreator
    public static Pooling parse(String name) {
        return Checks.oneOf(Pooling.class, Pooling::jsonName, name, JsonPaths.ROOT);
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
