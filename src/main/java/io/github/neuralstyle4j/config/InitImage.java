package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Map;

/**
 * The image the optimisation starts from: {@code "content"}, {@code "noise"} or {@code { "image": "path" }}.
 *
 * @param kind  which start
 * @param image the start image's path or {@code builtin:} name for {@link Kind#IMAGE}, else null
 */
public record InitImage(Kind kind, String image) {

    /** The kinds of start image. */
    public enum Kind {
        /** A copy of the content image, as the seed does: converges fastest and keeps the content's layout. */
        CONTENT("content"),
        /** Independent uniform values in [0, 1) per pixel and channel, drawn from {@code java.util.Random(seed)}. */
        NOISE("noise"),
        /** A given image, resized to the content's size. */
        IMAGE("image");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    public static final InitImage CONTENT = new InitImage(Kind.CONTENT, null);
    public static final InitImage NOISE = new InitImage(Kind.NOISE, null);

    public InitImage {
        Checks.required(kind, "$");
        if (kind == Kind.IMAGE) {
            Checks.nonBlank(image, "$.image");
        } else if (image != null) {
            throw new IllegalArgumentException("only an image start has an image: " + kind);
        }
    }

    /** Start from the image at {@code path} (or a {@code builtin:} name). */
    public static InitImage ofImage(String path) {
        return new InitImage(Kind.IMAGE, path);
    }

    /** The name used in configuration files for {@code content} and {@code noise}; an object for an image. */
    @JsonValue
    Object toJson() {
        return kind == Kind.IMAGE ? Map.of("image", image) : kind.jsonName();
    }

    /**
     * {@code "content"} or {@code "noise"}.
     *
     * @throws ConfigException listing the valid names
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static InitImage parse(String name) {
        if (Kind.CONTENT.jsonName().equals(name)) {
            return CONTENT;
        }
        if (Kind.NOISE.jsonName().equals(name)) {
            return NOISE;
        }
        throw new ConfigException(null, JsonPaths.ROOT, "unknown value '" + name
                + "'; valid values are: content, noise, or { \"image\": \"path\" }");
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static InitImage fromJson(@JsonProperty("image") String image) {
        return ofImage(image);
    }

    @Override
    public String toString() {
        return kind == Kind.IMAGE ? "image " + image : kind.jsonName();
    }
}
