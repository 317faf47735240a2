package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.ContentSpec;
import io.github.neuralstyle4j.config.ImageSize;
import io.github.neuralstyle4j.config.OptimizerSpec;
import io.github.neuralstyle4j.config.Pooling;
import io.github.neuralstyle4j.config.StyleSpec;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.Resize;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The options of {@code stylize} that tune the loss, the optimiser and the run length, named as jcjohnson's
 * neural-style names them ({@code -content_weight} is {@code --content-weight}), each replacing one config field.
 */
final class TuningOptions {

    @Option(names = "--content-weight", paramLabel = "W", description = "weight of the content loss (config content.weight)")
    Double contentWeight;

    @Option(names = "--style-weight", paramLabel = "W", description = "weight of the style loss (config style.weight)")
    Double styleWeight;

    @Option(names = "--content-layers", paramLabel = "LAYER[:W],...", split = ",", hideParamSyntax = true,
            description = "content layers with optional per-layer weights (default weight 1), e.g. conv_4 or"
                    + " conv4_2:1 (config content.layers)")
    List<String> contentLayers;

    @Option(names = "--style-layers", paramLabel = "LAYER[:W],...", split = ",", hideParamSyntax = true,
            description = "style layers with optional per-layer weights, e.g. conv_1,conv_2:0.5 (config style.layers)")
    List<String> styleLayers;

    @Option(names = "--optimizer", paramLabel = "lbfgs|adam|ncg",
            description = "the optimiser; switching to adam without --learning-rate takes Adam's default rate")
    String optimizer;

    @Option(names = "--line-search", paramLabel = "none|strong_wolfe",
            description = "L-BFGS step length: none (the seed's fixed step) or strong_wolfe (the default's)")
    String lineSearch;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "step length scale (config optimizer.learning_rate)")
    Double learningRate;

    @Option(names = "--history-size", paramLabel = "N", description = "L-BFGS correction pairs kept (config"
            + " optimizer.history_size)")
    Integer historySize;

    @Option(names = "--pooling", paramLabel = "max|avg", description = "the backbone's pooling (config pooling)")
    String pooling;

    @Option(names = "--normalize-gradients", description = "divide each layer's loss gradient by its L1 norm, as"
            + " neural-style's -normalize_gradients (config normalize_gradients)")
    boolean normalizeGradients;

    @Option(names = "--max-evaluations", paramLabel = "N", description = "stop after exactly N evaluations (per"
            + " stage with a schedule); replaces --steps")
    Integer maxEvaluations;

    @Option(names = "--steps", paramLabel = "N", description = "the seed's loop: L-BFGS steps of max_iter evaluations"
            + " are started while at most N were made (--steps 300 makes 320); clears the config's max_evaluations")
    Integer steps;

    @Option(names = "--max-side", paramLabel = "PX", description = "longest side of the output in pixels, as"
            + " neural-style's -image_size (--size sets the shorter side)")
    Integer maxSide;

    @Option(names = "--print-every", paramLabel = "N", defaultValue = "50",
            description = "print the losses every N evaluations; 0 = never (default ${DEFAULT-VALUE}, the seed's)")
    int printEvery;

    /**
     * The run: {@code base} (a config file or the built-in default) under the overrides, then these options, then
     * {@code --max-side} (which needs the content image's size; a batch applies it per image, {@link #applyMaxSide}).
     */
    StyleTransferConfig configure(StyleTransferConfig base, StylizeOptions overrides, CommandLine cli, boolean batch,
                                  long maxPixels) {
        checkCombinations(cli, overrides.size != null, batch);
        StyleTransferConfig c = applyTo(overrides.applyTo(base, cli), cli);
        return batch ? c : applyMaxSide(c, cli, maxPixels);
    }

    /** Refuses option combinations that contradict each other, before anything is loaded. */
    void checkCombinations(CommandLine cli, boolean sizeGiven, boolean batch) {
        if (maxSide != null && sizeGiven) {
            throw new CommandLine.ParameterException(cli, "give --size (shorter side) or --max-side (longer side),"
                    + " not both");
        }
        if (maxSide != null && maxSide < ImageSize.MIN) {
            throw new CommandLine.ParameterException(cli, "--max-side must be >= " + ImageSize.MIN + ", got " + maxSide);
        }
    }

    /** {@code c} with every option given on the command line in place of its field. */
    StyleTransferConfig applyTo(StyleTransferConfig c, CommandLine cli) {
        if (printEvery < 0) {
            throw new CommandLine.ParameterException(cli, "--print-every must be >= 0, got " + printEvery);
        }
        if (contentWeight != null || contentLayers != null) {
            ContentSpec old = c.content();
            ContentSpec spec = option(cli, "--content-weight/--content-layers", () -> old.withTerm(
                    contentWeight != null ? contentWeight : old.weight(),
                    contentLayers != null ? layers(cli, "--content-layers", contentLayers) : old.layers()));
            c = c.toBuilder().content(spec).build();
        }
        if (styleWeight != null || styleLayers != null) {
            StyleSpec old = c.style();
            StyleSpec spec = option(cli, "--style-weight/--style-layers", () -> new StyleSpec(old.images(),
                    styleWeight != null ? styleWeight : old.weight(),
                    styleLayers != null ? layers(cli, "--style-layers", styleLayers) : old.layers(), old.scale(),
                    old.normalize()));
            c = c.toBuilder().style(spec).build();
        }
        if (optimizer != null || lineSearch != null || learningRate != null || historySize != null) {
            c = c.toBuilder().optimizer(optimizer(cli, c.optimizer())).build();
        }
        if (pooling != null) {
            Pooling p = option(cli, "--pooling", () -> Pooling.parse(pooling));
            c = c.toBuilder().pooling(p).build();
        }
        if (normalizeGradients) {
            c = option(cli, "--normalize-gradients", c.toBuilder().normalizeGradients(true)::build);
        }
        if (steps != null) {
            StyleTransferConfig before = c;
            // a count the config refuses is a usage error naming the option (exit 2), not a JSON path (exit 3)
            c = option(cli, "--steps", () -> before.withSteps(steps).toBuilder()
                    .stop(before.stop().withMaxEvaluations(0)).build());
        }
        if (maxEvaluations != null) {
            if (maxEvaluations < 1) {
                throw new CommandLine.ParameterException(cli, "--max-evaluations must be >= 1, got " + maxEvaluations);
            }
            c = c.toBuilder().stop(c.stop().withMaxEvaluations(maxEvaluations)).build();
        }
        return c;
    }

    /**
     * The config with {@code --max-side} turned into the shorter side that {@link Resize#outputSize} needs: the
     * largest whose longer side is at most {@code maxSide} (exactly {@code maxSide} unless rounding forbids it).
     */
    StyleTransferConfig applyMaxSide(StyleTransferConfig c, CommandLine cli, long maxPixels) {
        if (maxSide == null) {
            return c;
        }
        if (maxSide < ImageSize.MIN) {
            throw new CommandLine.ParameterException(cli, "--max-side must be >= " + ImageSize.MIN + ", got " + maxSide);
        }
        ContentSpec spec = c.content();
        Resize.Size content = spec.isTexture() ? new Resize.Size(spec.width(), spec.height())
                : cropped(ImageLoading.dimensions(spec.image(), maxPixels), spec);
        return c.withSize(shorterSideFor(content.width(), content.height(), maxSide));
    }

    /** The content's size as the run will see it: after the config's {@code content.crop}. */
    private static Resize.Size cropped(Resize.Size size, ContentSpec spec) {
        return spec.aspectCrop() != null ? spec.aspectCrop().of(size) : size;
    }

    static int shorterSideFor(int width, int height, int maxSide) {
        int shorter = Math.min(width, height);
        int longer = Math.max(width, height);
        int size = (int) Math.max(1, (long) maxSide * shorter / longer);
        while (longSide(width, height, size + 1) <= maxSide) {
            size++;
        }
        while (size > 1 && longSide(width, height, size) > maxSide) {
            size--;
        }
        return size;
    }

    private static int longSide(int width, int height, int size) {
        Resize.Size s = Resize.outputSize(width, height, size);
        return Math.max(s.width(), s.height());
    }

    private OptimizerSpec optimizer(CommandLine cli, OptimizerSpec o) {
        OptimizerSpec.Algorithm name = optimizer != null
                ? option(cli, "--optimizer", () -> OptimizerSpec.Algorithm.parse(optimizer)) : o.name();
        OptimizerSpec.LineSearch search = lineSearch != null
                ? option(cli, "--line-search", () -> OptimizerSpec.LineSearch.parse(lineSearch)) : o.lineSearch();
        // a rate tuned for L-BFGS (1) would throw Adam's pixels across the whole range in one step, and back
        double rate = learningRate != null ? learningRate : name == o.name() ? o.learningRate()
                : name == OptimizerSpec.Algorithm.ADAM ? OptimizerSpec.DEFAULT_ADAM_LEARNING_RATE
                : OptimizerSpec.DEFAULT_LEARNING_RATE;
        int history = historySize != null ? historySize : o.historySize();
        return option(cli, "--optimizer/--line-search/--learning-rate/--history-size", () -> new OptimizerSpec(name,
                rate, o.maxIter(), o.maxEval(), o.toleranceGrad(), o.toleranceChange(), history, search, o.beta1(),
                o.beta2(), o.eps(), o.formula(), o.projectedGradient()));
    }

    /** "conv_4", "conv4_2:0.5" → layer to weight, in the given order; a layer without a weight gets 1. */
    static Map<String, Double> layers(CommandLine cli, String option, List<String> items) {
        Map<String, Double> layers = new LinkedHashMap<>();
        for (String item : items) {
            int colon = item.lastIndexOf(':');
            String name = (colon < 0 ? item : item.substring(0, colon)).strip();
            double weight;
            try {
                weight = colon < 0 ? 1 : Double.parseDouble(item.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(cli, option + ": '" + item + "' is not LAYER or LAYER:WEIGHT");
            }
            if (name.isEmpty() || layers.put(name, weight) != null) {
                throw new CommandLine.ParameterException(cli, option + ": " + (name.isEmpty() ? "an empty layer name"
                        : "layer " + name + " is named twice"));
            }
        }
        return layers;
    }

    /** A value checked by a config record; its error becomes a usage error naming the option. */
    private static <T> T option(CommandLine cli, String name, Supplier<T> make) {
        try {
            return make.get();
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(cli, name + ": " + e.problem());
        }
    }
}
