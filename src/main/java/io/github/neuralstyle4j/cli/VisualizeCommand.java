package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.engine.FeatureProjection;
import io.github.neuralstyle4j.engine.OrtRuntime;
import io.github.neuralstyle4j.gradient.BackwardMode;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.ImageWriter;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.image.TileGrid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code neuralstyle visualize}: projects channels of a layer back to image space (the seed's deconvnet, Zeiler and
 * Fergus 2014, or the gradient / guided-backpropagation variants, see {@link BackwardMode}) and writes a grid: the
 * input first, then one tile per channel normalised by {@link FeatureProjection#forDisplay} (0 is mid grey, the
 * tile's largest |value| black or white), each captioned "layer cN method".
 */
@Command(name = "visualize", mixinStandardHelpOptions = true,
        description = "Project channels of a layer back to the image (deconvnet, gradient or guided backpropagation).")
final class VisualizeCommand implements Callable<Integer> {

    enum Method {
        deconvnet(BackwardMode.DECONVNET), gradient(BackwardMode.GRADIENT), guided(BackwardMode.GUIDED);

        final BackwardMode mode;

        Method(BackwardMode mode) {
            this.mode = mode;
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "IMG", description = "input image (a file or builtin:NAME)")
    String image;

    @Option(names = "--layer", required = true, paramLabel = "LAYER", description = "the layer to visualise, e.g. conv_3")
    String layer;

    @Option(names = "--channels", split = ",", paramLabel = "C", description = "channels to project, e.g. 3,17")
    List<Integer> channels;

    @Option(names = "--top", paramLabel = "K", defaultValue = "8",
            description = "without --channels: the K channels with the largest mean activation (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--method", paramLabel = "deconvnet|gradient|guided", defaultValue = "deconvnet",
            description = "how ReLUs are crossed backwards (default ${DEFAULT-VALUE})")
    Method method;

    @Option(names = "--backbone", paramLabel = "DIR", defaultValue = "onnx/" + VggBackboneGenerator.DEFAULT_NAME,
            description = "backbone folder (default ${DEFAULT-VALUE})")
    String backbone;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "224",
            description = "shorter side of the image in pixels (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--output", required = true, paramLabel = "PNG", description = "the grid image to write")
    Path output;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    @Option(names = "--overwrite", description = "replace an existing output image (as stylize: refused otherwise)")
    boolean overwrite;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (size < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size must be >= 1, got " + size);
        }
        if (channels == null && top < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be >= 1, got " + top);
        }
        // an older grid only with --overwrite; never the input image, the backbone's files or a device
        RunFiles.requireImageExtension(output);
        new io.github.neuralstyle4j.files.OutputTargets(overwrite).input("input image", image)
                .input("backbone manifest", Path.of(backbone).resolve(io.github.neuralstyle4j.backbone.Backbone.MANIFEST))
                .output("--output", output).check();
        Backbone bb = Backbone.open(BackboneLocator.resolve(backbone, quiet ? m -> { } : err::println));
        String tap = bb.tensorFor(layer);
        RgbImage input = Resize.shorterSideTo(ImageLoading.load(image), size);
        int w = input.width();
        int h = input.height();

        FeatureProjection.Result r = FeatureProjection.project(new OrtRuntime(ExecutionOptions.cpu()), bb.graph(), tap,
                input.planar(), h, w, method.mode, this::choose);

        List<TileGrid.Tile> tiles = new ArrayList<>();
        tiles.add(new TileGrid.Tile(input.planar(), "input"));
        for (int i = 0; i < r.channels().size(); i++) {
            tiles.add(new TileGrid.Tile(FeatureProjection.forDisplay(r.projections().get(i)),
                    layer + " c" + r.channels().get(i) + " " + method.name().toLowerCase(Locale.ROOT)));
        }
        RgbImage grid = TileGrid.render(tiles, w, h);
        ImageWriter.write(grid, output);
        if (!quiet) {
            out.printf("wrote %s (%d×%d): %s of %s channels %s (backbone %s, %d×%d px)%n", output, grid.width(),
                    grid.height(), method, layer, r.channels(), bb.manifest().name(), w, h);
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** The given channels, checked against the layer's channel count, or the top K by mean activation. */
    private List<Integer> choose(float[] meanActivation) {
        int count = meanActivation.length;
        if (channels == null) {
            return FeatureProjection.topChannels(meanActivation, top);
        }
        for (int c : channels) {
            if (c < 0 || c >= count) {
                throw new ConfigException(null, "--channels", "channel " + c + " is out of range: layer " + layer
                        + " has " + count + " channels (0.." + (count - 1) + ")");
            }
        }
        return channels;
    }
}
