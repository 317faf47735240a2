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

    /** At least one style image, the blend weights not all 0 (a copy). */
    static java.util.List<Request.Style> styles(java.util.List<Request.Style> styles) {
        if (styles.isEmpty()) {
            throw new IllegalArgumentException("at least one style image is required: style(image, weight)");
        }
        if (styles.stream().mapToDouble(Request.Style::weight).sum() <= 0) {
            throw new IllegalArgumentException("the style blend weights must not all be 0");
        }
        return java.util.List.copyOf(styles);
    }

    /** Null, or an error saying that {@code what} has no place in this request. */
    static <T> T absent(T value, String what) {
        if (value != null) {
            throw new IllegalArgumentException(what + " must not be given");
        }
        return null;
    }

    /** The checks of a request's settings against each other: resuming, Grams in the graph, masks, textures. */
    static void combinations(Request r) {
        if (r.resumeFrom() != null) {
            if (!r.schedule().isEmpty()) {
                throw new IllegalArgumentException("a run with a schedule cannot resume from a checkpoint");
            }
            if (!r.resumeFrom().state().algorithm().equals(r.optimizer().name())) {
                throw new IllegalArgumentException("the checkpoint holds " + r.resumeFrom().state().algorithm()
                        + " state, but the request's optimizer is " + r.optimizer().name());
            }
        }
        SpatialControl spatial = r.spatial();
        if ((r.convergence().normalizeGradients() || spatial.masksStyles()) && Boolean.TRUE.equals(r.gramInGraph())) {
            throw new IllegalArgumentException((spatial.masksStyles() ? "style masks" : "normalizeGradients")
                    + " need the Gram matrices on the host, not in the graph");
        }
        if (spatial.styleMasks().size() > r.styles().size()) {
            throw new IllegalArgumentException(spatial.styleMasks().size() + " style masks for "
                    + r.styles().size() + " style images");
        }
        if (spatial.isTexture() && r.start() == Request.Start.CONTENT) {
            throw new IllegalArgumentException("a texture has no content image to start from: startFromNoise(seed)"
                    + " or startFrom(image)");
        }
        if (spatial.isTexture() && r.preserveColors() != io.github.neuralstyle4j.config.PreserveColors.NONE) {
            throw new IllegalArgumentException("a texture has no content colours to preserve");
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
