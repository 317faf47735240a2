package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A VGG of two stages with 8 and 16 channels (conv_1 … conv_4), generated with seeded weights: the façade's tests
 * exercise the whole pipeline in milliseconds per evaluation instead of VGG19's seconds.
 */
final class TinyBackbone {

    static final Map<String, Double> CONTENT_LAYERS = Map.of("conv_3", 1.0);
    static final Map<String, Double> STYLE_LAYERS = Map.of("conv_1", 1.0, "conv_2", 1.0, "conv_3", 1.0);

    private TinyBackbone() {
    }

    static Path write(Path dir) {
        return VggBackboneGenerator.write(dir.resolve("tiny-vgg"), "tiny-vgg",
                List.of(new int[] {8, 8}, new int[] {16, 16}), 7);
    }

    static Backbone open(Path dir) {
        return Backbone.open(write(dir));
    }

    static RgbImage content() {
        return ImageLoading.load("builtin:landscape");
    }

    static RgbImage style() {
        return ImageLoading.load("builtin:brushstrokes");
    }

    /** A 32 px request on the built-in pictures with L-BFGS steps of 5 evaluations. */
    static Request.Builder request() {
        return Request.builder().content(content()).style(style(), 1)
                .contentLayers(CONTENT_LAYERS).styleLayers(STYLE_LAYERS)
                .size(32).evaluations(5)
                .optimizer(new OptimizerSpec.Lbfgs(1, 5, 7, 1e-7, 1e-9, 100, OptimizerSpec.Lbfgs.LineSearch.NONE));
    }
}
