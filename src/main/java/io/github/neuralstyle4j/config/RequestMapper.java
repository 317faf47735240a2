package io.github.neuralstyle4j.config;

import io.github.neuralstyle4j.api.Convergence;
import io.github.neuralstyle4j.api.Device;
import io.github.neuralstyle4j.api.OptimizerSpec.Adam;
import io.github.neuralstyle4j.api.OptimizerSpec.Lbfgs;
import io.github.neuralstyle4j.api.OptimizerSpec.Ncg;
import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.SpatialControl;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.image.Crops;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;


/**
 * A JSON run configuration as a {@link Request}: the one place where a config's image paths are read. The config
 * was validated when it was loaded, so a request built from it is valid too.
 */
public final class RequestMapper {

    private RequestMapper() {
    }

    /**
     * The request a config describes: its images loaded (refusing any whose header declares more than
     * {@code maxPixels}), its size and steps for its device. Listener, stop, snapshots and resume are the caller's
     * to add with {@link Request#toBuilder()}.
     */
    public static Request toRequest(StyleTransferConfig c, long maxPixels) {
        ContentSpec content = c.content();
        SpatialControl spatial = content.isTexture() ? SpatialControl.texture(content.width(), content.height())
                : SpatialControl.NONE;
        if (content.mask() != null) {
            spatial = spatial.withContentMask(ImageLoading.load(content.mask(), maxPixels));
        }
        for (int i = 0; i < c.style().images().size(); i++) {
            String mask = c.style().images().get(i).mask();
            if (mask != null) {
                spatial = spatial.withStyleMask(i, ImageLoading.load(mask, maxPixels));
            }
        }
        Request.Builder b = Request.builder()
                .content(content.isTexture() ? null : cropped(ImageLoading.load(content.image(), maxPixels),
                        content.aspectCrop()))
                .spatial(spatial)
                .contentWeight(c.content().weight())
                .contentLayers(c.content().layers())
                .styleWeight(c.style().weight())
                .styleLayers(c.style().layers())
                .styleScale(c.style().scale())
                .styleNormalization(c.style().normalize())
                .size(c.imageSize())
                .evaluations(c.steps())
                .schedule(c.schedule().stream().map(s -> new Request.Stage(s.size(), s.steps())).toList())
                .optimizer(optimizer(c.optimizer()))
                .tvWeight(c.tvWeight())
                .pooling(c.pooling())
                .preserveColors(c.preserveColors())
                .gramInGraph(c.gramsInGraph())
                .convergence(new Convergence(c.stop(), c.optimizer().projectedGradient(), c.normalizeGradients()))
                .tiling(c.tiles().tiling())
                .memoryLimit(c.maxMemoryMb() << 20);
        for (StyleImage s : c.style().images()) {
            b.style(ImageLoading.load(s.image(), maxPixels), s.weight());
        }
        switch (c.init().kind()) {
            // a texture has no content to start from: the seeded noise, as neural-style's -init random
            case CONTENT -> {
                if (content.isTexture()) {
                    b.startFromNoise(c.seed());
                } else {
                    b.startFromContent();
                }
            }
            case NOISE -> b.startFromNoise(c.seed());
            case IMAGE -> b.startFrom(ImageLoading.load(c.init().image(), maxPixels));
        }
        return b.build();
    }

    /** {@code image} centre-cropped to {@code crop}'s aspect ratio (unchanged without one). */
    private static RgbImage cropped(RgbImage image, AspectCrop crop) {
        if (crop == null) {
            return image;
        }
        Resize.Size s = crop.of(new Resize.Size(image.width(), image.height()));
        return Crops.centre(image, s.width(), s.height());
    }

    /** The optimiser a config names, with the settings its algorithm uses. */
    public static io.github.neuralstyle4j.api.OptimizerSpec optimizer(OptimizerSpec o) {
        return switch (o.name()) {
            case LBFGS -> new Lbfgs(o.learningRate(), o.maxIter(), o.maxEval(), o.toleranceGrad(),
                    o.toleranceChange(), o.historySize(), o.lineSearch() == OptimizerSpec.LineSearch.STRONG_WOLFE
                    ? Lbfgs.LineSearch.STRONG_WOLFE : Lbfgs.LineSearch.NONE);
            case ADAM -> new Adam(o.learningRate(), o.beta1(), o.beta2(), o.eps());
            case NCG -> new Ncg(o.formula() == OptimizerSpec.Formula.FLETCHER_REEVES ? Ncg.Formula.FLETCHER_REEVES
                    : Ncg.Formula.POLAK_RIBIERE);
        };
    }

    /** The config's device. */
    public static Device device(StyleTransferConfig c) {
        return c.device().isCuda() ? Device.cuda(c.device().index()) : Device.cpu();
    }

    /** The config's device and threads, as the engine takes them. */
    public static ExecutionOptions executionOptions(StyleTransferConfig c) {
        return new ExecutionOptions(c.device().isCuda(), c.device().index(), c.threads());
    }
}
