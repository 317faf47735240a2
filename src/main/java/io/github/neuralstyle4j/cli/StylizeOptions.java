package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.ContentSpec;
import io.github.neuralstyle4j.config.DeviceSpec;
import io.github.neuralstyle4j.config.InitImage;
import io.github.neuralstyle4j.config.PicturesSpec;
import io.github.neuralstyle4j.config.PreserveColors;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.Resize;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.function.Supplier;

/** The options of {@code stylize} that override a field of the config, and how they are applied. */
final class StylizeOptions {

    @Option(names = "--content", paramLabel = "IMG|none", description = "content image (overrides the config);"
            + " none: texture synthesis from noise, with --size WxH")
    String content;

    @Option(names = "--content-mask", paramLabel = "IMG", description = "grey image: the content loss applies where"
            + " it is white (config content.mask)")
    String contentMask;

    @Option(names = "--style-mask", paramLabel = "IMG|none", description = "grey image: the Gram loss of the style"
            + " image in the same position applies where it is white; repeat per style image (style.images[i].mask)")
    List<String> styleMasks;

    @Option(names = "--style", paramLabel = "IMG", description = "style image; repeat for several (overrides the config)")
    List<String> styles;

    @Option(names = "--style-weights", paramLabel = "W,W,...", split = ",",
            description = "blend weights of the style images, one per image (normalised to sum 1)")
    List<Double> styleWeights;

    @Option(names = "--style-scale", paramLabel = "S",
            description = "style images' shorter side = S x the content's (default: the content's exact size)")
    Double styleScale;

    @Option(names = "--preserve-colors", paramLabel = "none|luminance|histogram",
            description = "keep the content's colours (overrides the config)")
    String preserveColors;

    @Option(names = "--init", paramLabel = "content|noise|IMG", description = "start image (overrides the config)")
    String init;

    @Option(names = "--seed", paramLabel = "N", description = "random seed, e.g. for --init noise (overrides the config)")
    Long seed;

    @Option(names = "--tv-weight", paramLabel = "W", description = "total-variation weight (overrides the config)")
    Double tvWeight;

    @Option(names = "--output", paramLabel = "FILE", description = "output image, .png or .jpg (overrides the config)")
    String output;

    @Option(names = "--size", paramLabel = "PX|WxH", description = "shorter side of the output in pixels (overrides"
            + " the config); WxH: a texture's canvas, with --content none")
    String size;

    @Option(names = "--backbone", paramLabel = "DIR", description = "backbone folder (overrides the config)")
    String backbone;

    @Option(names = "--device", paramLabel = "cpu|cuda[:N]", description = "where the graphs run (overrides the config)")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "threads for ONNX Runtime and ND4J; 0 = all cores")
    Integer threads;

    @Option(names = "--gram-in-graph", negatable = true,
            description = "compute the style Gram matrices in the ONNX graphs, so that only C×C matrices leave the "
                    + "device (default: on for cuda, off for cpu; overrides the config)")
    Boolean gramInGraph;

    @Option(names = "--plot", description = "also write the loss curve beside the output (NAME_losses.png)")
    boolean plot;

    @Option(names = "--contact-sheet", description = "also write content | style(s) | result beside the output"
            + " (NAME_sheet.png)")
    boolean contactSheet;

    /** {@code c} with every option given on the command line in place of its field. */
    StyleTransferConfig applyTo(StyleTransferConfig c, CommandLine commandLine) {
        if (plot || contactSheet) {
            PicturesSpec p = c.pictures();
            c = c.toBuilder().pictures(new PicturesSpec(p.lossPlot() || plot, p.contactSheet() || contactSheet))
                    .build();
        }
        Resize.Size canvas = canvas(commandLine);
        if (content != null && !ContentSpec.NONE.equals(content)) {
            c = override(commandLine, "--content", c, x -> x.withContentImage(content));
        }
        c = SpatialOptions.texture(commandLine, c, ContentSpec.NONE.equals(content), canvas);
        if (styles != null && !styles.isEmpty()) {
            c = override(commandLine, "--style", c, x -> x.withStyleImages(styles));
        }
        c = SpatialOptions.masks(commandLine, c, contentMask, styleMasks);
        if (styleWeights != null) {
            c = override(commandLine, "--style-weights", c, x -> x.withStyleWeights(styleWeights));
        }
        if (styleScale != null) {
            c = override(commandLine, "--style-scale", c, x -> x.withStyleScale(styleScale));
        }
        if (preserveColors != null) {
            PreserveColors mode = option(commandLine, "--preserve-colors", () -> PreserveColors.parse(preserveColors));
            c = c.toBuilder().preserveColors(mode).build();
        }
        if (init != null) {
            c = override(commandLine, "--init", c, x -> x.toBuilder().init(init.equals("content")
                    || init.equals("noise") ? InitImage.parse(init) : InitImage.ofImage(init)).build());
        }
        if (seed != null) {
            c = override(commandLine, "--seed", c, x -> x.withSeed(seed));
        }
        if (tvWeight != null) {
            c = override(commandLine, "--tv-weight", c, x -> x.toBuilder().tvWeight(tvWeight).build());
        }
        if (output != null) {
            c = override(commandLine, "--output", c, x -> x.withOutput(output));
        }
        if (size != null && canvas == null) {
            int px = option(commandLine, "--size", () -> SpatialOptions.pixels(size));
            c = override(commandLine, "--size", c, x -> x.withSize(px));
        }
        if (backbone != null) {
            c = override(commandLine, "--backbone", c, x -> x.withBackbone(backbone));
        }
        if (device != null) {
            c = override(commandLine, "--device", c, x -> x.withDevice(DeviceSpec.parse(device)));
        }
        if (threads != null) {
            c = override(commandLine, "--threads", c, x -> x.withThreads(threads));
        }
        if (gramInGraph != null) {
            c = c.toBuilder().gramInGraph(gramInGraph).build();
        }
        return c;
    }

    /** {@code --size WxH} as a canvas; null for {@code --size PX} or no --size. */
    private Resize.Size canvas(CommandLine commandLine) {
        return size == null ? null : option(commandLine, "--size", () -> SpatialOptions.canvas(size));
    }

    /** The config changed by an option; a value the config refuses is a usage error naming the option (exit 2). */
    private static StyleTransferConfig override(CommandLine commandLine, String name, StyleTransferConfig c,
                                                java.util.function.UnaryOperator<StyleTransferConfig> change) {
        return option(commandLine, name, () -> change.apply(c));
    }

    private static <T> T option(CommandLine commandLine, String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(commandLine, name + ": " + e.problem());
        }
    }
}
