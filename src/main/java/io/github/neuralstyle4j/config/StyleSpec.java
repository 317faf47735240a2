package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The style term of the loss: {@code weight * sum over layers of (layer weight * MSE(Gram matrices))}.
 *
 * @param images    one or more style images with blend weights (unmodifiable); the target Gram of a layer is the
 *                  weighted mean of the images' Grams, the weights divided by their sum
 * @param weight    the weight of the whole style term (finite, >= 0); the tutorial's 1e6 balances the tiny Gram MSEs
 *                  against the content MSE
 * @param layers    backbone layer name to per-layer weight, in the file's order (unmodifiable)
 * @param scale     null to resize each style image to the content's exact size (the seed); else the style image's
 *                  shorter side becomes {@code scale} times the content's shorter side, keeping its aspect ratio
 *                  (neural-style's {@code -style_scale})
 * @param normalize how each layer's loss is scaled (see {@link StyleNormalization})
 */
public record StyleSpec(List<StyleImage> images, double weight, Map<String, Double> layers,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double scale, StyleNormalization normalize) {
    public static final double DEFAULT_WEIGHT = 1e6;
    /** Scales below this leave too few pixels for the deeper layers; above it, memory runs out for no benefit. */
    public static final double MIN_SCALE = 0.05;
    public static final double MAX_SCALE = 8;

    public StyleSpec {
        images = styleImages(images);
        Checks.finiteNonNegative(weight, "$.weight");
        layers = Checks.layerWeights(layers, "$.layers");
        if (scale != null && !(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
            throw new ConfigException(null, "$.scale", "must be between " + Checks.show(MIN_SCALE) + " and "
                    + Checks.show(MAX_SCALE) + ", got " + Checks.show(scale));
        }
        Checks.required(normalize, "$.normalize");
    }

    /** The seed's style term: equal weights, style images at the content's size, no extra normalisation. */
    public StyleSpec(List<StyleImage> images, double weight, Map<String, Double> layers) {
        this(images, weight, layers, null, StyleNormalization.NONE);
    }

    private static List<StyleImage> styleImages(List<StyleImage> images) {
        if (Checks.required(images, "$.images").isEmpty()) {
            throw new ConfigException(null, "$.images", "must list at least one image");
        }
        for (int i = 0; i < images.size(); i++) {
            Checks.required(images.get(i), JsonPaths.index("$.images", i));
        }
        if (images.stream().mapToDouble(StyleImage::weight).sum() <= 0) {
            throw new ConfigException(null, "$.images", "the blend weights must not all be 0");
        }
        return List.copyOf(images);
    }

    /** Whether any style image has a mask (spatial control): its Gram is then computed on the host. */
    public boolean hasMasks() {
        return images.stream().anyMatch(i -> i.mask() != null);
    }

    /** The images' paths, in order. */
    public List<String> imagePaths() {
        return images.stream().map(StyleImage::image).toList();
    }

    /** The blend weights divided by their sum. */
    public double[] blendWeights() {
        double sum = images.stream().mapToDouble(StyleImage::weight).sum();
        return images.stream().mapToDouble(i -> i.weight() / sum).toArray();
    }

    /** Other images, each with weight 1. */
    public StyleSpec withImages(List<String> newImages) {
        List<StyleImage> list = newImages == null ? null : newImages.stream()
                .map(p -> p == null ? null : StyleImage.of(p)).toList();
        return withStyleImages(list);
    }

    public StyleSpec withStyleImages(List<StyleImage> newImages) {
        return new StyleSpec(newImages, weight, layers, scale, normalize);
    }

    public StyleSpec withScale(Double newScale) {
        return new StyleSpec(images, weight, layers, newScale, normalize);
    }

    @JsonCreator
    static StyleSpec fromJson(
            @JsonProperty("images") List<StyleImage> images,
            @JsonProperty("weight") Double weight,
            @JsonProperty("layers") Map<String, Double> layers,
            @JsonProperty("scale") Double scale,
            @JsonProperty("normalize") StyleNormalization normalize) {
        return new StyleSpec(images, weight != null ? weight : DEFAULT_WEIGHT, layers, scale,
                normalize != null ? normalize : StyleNormalization.NONE);
    }
}
