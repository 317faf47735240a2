package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.api.Convergence;
import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.StyleTransfer;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.cli.ErrorHandler;
import io.github.neuralstyle4j.cli.ExitCodes;
import io.github.neuralstyle4j.config.BuiltinDefault;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.RequestMapper;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.ImageLoading;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code neuralstyle video}: a frame folder or an mp4 stylized frame by frame with temporal consistency. */
@Command(name = "neuralstyle video", mixinStandardHelpOptions = true,
        description = "Stylize a video (a frame folder or an mp4) frame by frame with temporal consistency"
                + " (Ruder et al. 2016); resumes at the first missing frame.")
public final class VideoCommand implements Callable<Integer> {

    /** λ of the temporal loss without --temporal-weight: measured in docs/video.md. */
    public static final double DEFAULT_TEMPORAL_WEIGHT = 1;
    /** Evaluations per frame without --steps. */
    public static final int DEFAULT_STEPS = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(multiplicity = "1")
    Source source;

    /** Exactly one of the inputs. */
    static final class Source {
        @Option(names = "--frames", paramLabel = "DIR", description = "the input frames (png, jpg, bmp) in name order")
        Path frames;
        @Option(names = "--input", paramLabel = "FILE", description = "the input video (mp4 or any FFmpeg reads)")
        Path input;
    }

    @Option(names = "--style", paramLabel = "IMG", description = "the style image (default: the config's)")
    String style;
    @Option(names = "--config", paramLabel = "FILE", description = "JSON run configuration (default: the built-in"
            + " default): layers, weights, optimiser, backbone, threads")
    Path config;
    @Option(names = "--size", paramLabel = "PX", description = "the frames' shorter side (default: the config's)")
    Integer size;
    @Option(names = "--steps", paramLabel = "N", description = "evaluations per frame (default " + DEFAULT_STEPS + ")")
    Integer steps;
    @Option(names = "--output-dir", paramLabel = "DIR", required = true, description = "where frame_00001.png, ..."
            + " go (created if missing)")
    Path outputDir;
    @Option(names = "--output", paramLabel = "FILE", description = "also encode the frames as this H.264 mp4")
    Path output;
    @Option(names = "--fps", paramLabel = "FPS", description = "the mp4's frame rate (default: the --input video's,"
            + " or 25 for --frames)")
    Double fps;
    @Option(names = "--no-temporal", description = "independent frames (no flow, no temporal loss)")
    boolean noTemporal;
    @Option(names = "--temporal-weight", paramLabel = "W", description = "the temporal loss's weight (default "
            + DEFAULT_TEMPORAL_WEIGHT + ")")
    Double temporalWeight;
    @Option(names = "--overwrite", description = "make every frame again and replace an existing --output")
    boolean overwrite;
    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;
    @Option(names = "--verbose", description = "show the cause chain of errors")
    boolean verbose;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The command's exit code (errors: one line and the code of their class, as {@code neuralstyle}'s). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, printing to the given writers. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new VideoCommand()).setExecutionExceptionHandler(new ErrorHandler()).setOut(out)
                .setErr(err).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        validate();
        StyleTransferConfig cfg = config != null ? ConfigLoader.load(config) : BuiltinDefault.config();
        if (output != null && Files.exists(output) && !overwrite) {
            throw new io.github.neuralstyle4j.files.OutputException(output + " exists; pass --overwrite to replace"
                    + " it");
        }
        Files.createDirectories(outputDir);
        Path decoded = source.input != null ? Files.createTempDirectory(outputDir, ".decoded-") : null;
        try {
            // the input video's own rate unless --fps says otherwise
            double sourceRate = decoded != null ? VideoFiles.decode(source.input, decoded) : VideoFiles.DEFAULT_FPS;
            double rate = fps != null ? fps : sourceRate;
            List<Path> inputs = FrameFolder.inputs(decoded != null ? decoded : source.frames);
            Request base = request(cfg);
            Backbone backbone = Backbone.open(BackboneLocator.resolve(cfg.backbone(), quiet ? m -> { } : err::println));
            ConfigLoader.checkLayers(cfg, backbone.layerNames(), config != null ? config.toString() : "the default");
            try (StyleTransfer transfer = StyleTransfer.builder().backbone(backbone).device(RequestMapper.device(cfg))
                    .threads(cfg.threads()).cachedSizes(1).build();
                 DisFlow flow = noTemporal ? null : new DisFlow()) {
                double lambda = temporalWeight != null ? temporalWeight : DEFAULT_TEMPORAL_WEIGHT;
                VideoProgress progress = new VideoProgress(err, quiet);
                new VideoStylizer(transfer, flow, lambda).run(base, inputs, outputDir, overwrite, progress);
                progress.summary(spec.commandLine().getOut(), outputDir, inputs.size());
            }
            if (output != null) {
                VideoFiles.encode(FrameFolder.outputs(outputDir, inputs.size()), output, rate, overwrite);
                if (!quiet) {
                    spec.commandLine().getOut().println("video: " + output);
                }
            }
            return ExitCodes.OK;
        } finally {
            if (decoded != null) {
                deleteTree(decoded);
            }
        }
    }

    private void validate() {
        CommandLine cli = spec.commandLine();
        if (size != null && (size < Request.MIN_SIZE || size > Request.MAX_SIZE)) {
            throw new CommandLine.ParameterException(cli, "--size must be between " + Request.MIN_SIZE + " and "
                    + Request.MAX_SIZE + ", got " + size);
        }
        if (steps != null && steps < 1) {
            throw new CommandLine.ParameterException(cli, "--steps must be >= 1, got " + steps);
        }
        if (fps != null && !(fps > 0 && fps <= 1000)) {
            throw new CommandLine.ParameterException(cli, "--fps must be in (0, 1000], got " + fps);
        }
        if (temporalWeight != null && !(Double.isFinite(temporalWeight) && temporalWeight >= 0)) {
            throw new CommandLine.ParameterException(cli, "--temporal-weight must be finite and >= 0, got "
                    + temporalWeight);
        }
        if (noTemporal && temporalWeight != null) {
            throw new CommandLine.ParameterException(cli, "--temporal-weight has no effect with --no-temporal");
        }
    }

    /** The config's request with the command line's style, size and per-frame budget (content set per frame). */
    private Request request(StyleTransferConfig cfg) {
        Request configured = RequestMapper.toRequest(cfg, ImageLoading.DEFAULT_MAX_PIXELS);
        Request.Builder b = configured.toBuilder();
        if (style != null) {
            b.styles(List.of(new Request.Style(ImageLoading.load(style), 1)));
        }
        int n = steps != null ? steps : DEFAULT_STEPS;
        Convergence c = configured.convergence();
        // --steps is an exact budget per frame: every frame gets the same effort
        return b.size(size != null ? size : cfg.imageSize()).schedule(List.of()).evaluations(n)
                .convergence(new Convergence(c.stopRule().withMaxEvaluations(n), c.projectedGradient(),
                        c.normalizeGradients())).build();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
