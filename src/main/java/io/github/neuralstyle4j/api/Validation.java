package io.github.neuralstyle4j.api;

import java.util.Map;

/** The checks of the API's value types, with messages that name the setting and the value given. */
final class Validation {

    private Validation() {
    }

    static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    static void positive(double v, String what) {
        if (!(Double.isFinite(v) && v > 0)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
        }
    }

    static void nonNegative(double v, String what) {
        if (!(Double.isFinite(v) && v >= 0)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + v);
        }
    }

    static void atLeast(long v, long min, String what) {
        if (v < min) {
            throw new IllegalArgumentException(what + " must be >= " + min + ", got " + v);
        }
    }

    static void between(long v, long min, long max, String what) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", got " + v);
        }
    }

    static double within(double v, double min, double max, String what) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    static void unitInterval(double v, String what) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + v);
        }
    }

    /** A non-empty map of layer names to finite, non-negative weights. */
    static Map<String, Double> layers(Map<String, Double> layers, String what) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException(what + " must name at least one layer, e.g. Map.of(\"conv_4\", 1.0)");
        }
        layers.forEach((name, weight) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + ": a layer name is blank");
            }
            nonNegative(required(weight, what + " weight of " + name), what + " weight of " + name);
        });
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(layers));
    }
}
