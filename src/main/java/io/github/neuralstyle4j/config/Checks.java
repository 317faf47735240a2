package io.github.neuralstyle4j.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The validation rules shared by the records. Each check throws a {@link ConfigException} at the given path, which
 * is relative to the record doing the check; the loader re-roots it where the record sits in the file.
 */
final class Checks {
    private Checks() {
    }

    static <T> T required(T value, String path) {
        if (value == null) {
            throw new ConfigException(null, path, "required field is missing");
        }
        return value;
    }

    static String nonBlank(String value, String path) {
        if (required(value, path).isBlank()) {
            throw new ConfigException(null, path, "must be a non-empty string");
        }
        return value;
    }

    static int atLeast(int value, int min, String path) {
        if (value < min) {
            throw new ConfigException(null, path, "must be >= " + min + ", got " + value);
        }
        return value;
    }

    static int between(int value, int min, int max, String path) {
        if (value < min || value > max) {
            throw new ConfigException(null, path, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A weight or tolerance: NaN and infinities would silently poison the loss, so they are rejected here. */
    static double finiteNonNegative(double value, String path) {
        if (!Double.isFinite(value) || value < 0) {
            throw new ConfigException(null, path, "must be a finite number >= 0, got " + show(value));
        }
        return value;
    }

    static double finitePositive(double value, String path) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new ConfigException(null, path, "must be a finite number > 0, got " + show(value));
        }
        return value;
    }

    /** A layer-to-weight map: at least one layer, named, each weight finite and >= 0; the file's order is kept. */
    static Map<String, Double> layerWeights(Map<String, Double> layers, String path) {
        if (required(layers, path).isEmpty()) {
            throw new ConfigException(null, path, "must name at least one layer");
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        layers.forEach((name, weight) -> {
            String at = name == null ? path : JsonPaths.child(path, name);
            if (name == null || name.isBlank()) {
                throw new ConfigException(null, at, "layer names must be non-empty strings");
            }
            copy.put(name, finiteNonNegative(required(weight, at), at));
        });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The enum constant whose JSON name is {@code value}; otherwise an error listing the valid names, because a typo
     * in a closed set is best answered with the set.
     */
    static <E extends Enum<E>> E oneOf(Class<E> type, Function<E, String> jsonName, String value, String path) {
        for (E e : type.getEnumConstants()) {
            if (jsonName.apply(e).equals(value)) {
                return e;
            }
        }
        String valid = Arrays.stream(type.getEnumConstants()).map(jsonName).collect(Collectors.joining(", "));
        throw new ConfigException(null, path, "unknown value '" + value + "'; valid values are: " + valid);
    }

    /** A number as the user would have written it: {@code -1} rather than {@code -1.0}. */
    static String show(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
