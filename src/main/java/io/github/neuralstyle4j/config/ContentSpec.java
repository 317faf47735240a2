package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * The content term of the loss: {@code weight * sum over layers of (layer weight * MSE(features))}.
 *
 * @param image  the content image: a file path or a {@code builtin:} name; {@value #NONE} for texture synthesis
 *               (no content image, no content term, a noise start)
 * @param weight the weight of the whole content term (finite, >= 0)
 * @param layers backbone layer name to per-layer weight, in the file's order (unmodifiable)
 * @param mask   a grey image restricting the content term to its white region (Gatys et al. 2017 §4), or null
 * @param width  with {@code height}, only with image {@value #NONE}: the texture's canvas, scaled like a content
 *               image to the run's size (its shorter side)
 * @param height see {@code width}
 * @param crop   {@code W:H}: the content image centre-cropped to this aspect ratio before it is sized (e.g.
 *               {@code 16:9}, so that a size of 2160 gives 3840×2160), or null for the whole image
 */
public record ContentSpec(String image, double weight, Map<String, Double> layers,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String mask,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer width,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer height,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String crop) {
    public static final double DEFAULT_WEIGHT = 1;
    /** The image name that asks for texture synthesis. */
    public static final String NONE = "none";

    public ContentSpec {
        Checks.nonBlank(image, "$.image");
        Checks.finiteNonNegative(weight, "$.weight");
        // a texture has no content term: its layers may be left out
        layers = NONE.equals(image) && layers == null ? Map.of() : Checks.layerWeights(layers, "$.layers");
        if (mask != null) {
            Checks.nonBlank(mask, "$.mask");
        }
        if (crop != null) {
            AspectCrop.parse(crop, "$.crop");
        }
        if (NONE.equals(image)) {
            Checks.between(Checks.required(width, "$.width"), ImageSize.MIN, ImageSize.MAX, "$.width");
            Checks.between(Checks.required(height, "$.height"), ImageSize.MIN, ImageSize.MAX, "$.height");
            if (mask != null) {
                throw new ConfigException(null, "$.mask", "a texture (image \"none\") has no content to mask");
            }
            if (crop != null) {
                throw new ConfigException(null, "$.crop", "a texture (image \"none\") has no content to crop; its"
                        + " canvas is width × height");
            }
        } else if (width != null || height != null) {
            throw new ConfigException(null, width != null ? "$.width" : "$.height",
                    "is the canvas of a texture: only with image \"none\"");
        }
    }

    /** A content image without mask or crop. */
    public ContentSpec(String image, double weight, Map<String, Double> layers) {
        this(image, weight, layers, null, null, null, null);
    }

    /** The crop's aspect ratio, or null for none. */
    @JsonIgnore
    public AspectCrop aspectCrop() {
        return crop != null ? AspectCrop.parse(crop, "$.crop") : null;
    }

    /** Whether this asks for texture synthesis (no content image). */
    @JsonIgnore
    public boolean isTexture() {
        return NONE.equals(image);
    }

    /** Another content image, the weight, layers, mask and crop kept (a texture's canvas dropped). */
    public ContentSpec withImage(String newImage) {
        boolean texture = NONE.equals(newImage);
        return new ContentSpec(newImage, weight, layers, mask, texture ? width : null, texture ? height : null, crop);
    }

    /** Another weight and layers, the image, mask and canvas kept. */
    public ContentSpec withTerm(double newWeight, Map<String, Double> newLayers) {
        return new ContentSpec(image, newWeight, newLayers, mask, width, height, crop);
    }

    /** A texture on a canvas of this shape, the weight and layers kept. */
    public ContentSpec asTexture(int canvasWidth, int canvasHeight) {
        return new ContentSpec(NONE, weight, layers, null, canvasWidth, canvasHeight, null);
    }

    /** The content term restricted to {@code newMask}'s white region (null for none). */
    public ContentSpec withMask(String newMask) {
        return new ContentSpec(image, weight, layers, newMask, width, height, crop);
    }

    /** The content centre-cropped to {@code ratio} ({@code W:H}), or not cropped (null). */
    public ContentSpec withCrop(String ratio) {
        return new ContentSpec(image, weight, layers, mask, width, height, ratio);
    }

    @JsonCreator
    static ContentSpec fromJson(
            @JsonProperty("image") String image,
            @JsonProperty("weight") Double weight,
            @JsonProperty("layers") Map<String, Double> layers,
            @JsonProperty("mask") String mask,
            @JsonProperty("width") Integer width,
            @JsonProperty("height") Integer height,
            @JsonProperty("crop") String crop) {
        return new ContentSpec(image, weight != null ? weight : DEFAULT_WEIGHT, layers, mask, width, height, crop);
    }
}
