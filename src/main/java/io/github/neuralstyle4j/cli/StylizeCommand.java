package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.DeviceSpec;
import io.github.neuralstyle4j.config.InitImage;
import io.github.neuralstyle4j.config.OptimizerSpec;
import io.github.neuralstyle4j.config.PreserveColors;
import io.github.neuralstyle4j.config.ScheduleStage;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.engine.MemoryEstimate;
import io.github.neuralstyle4j.engine.RunControl;
import io.github.neuralstyle4j.engine.RunInterruptedException;
import io.github.neuralstyle4j.config.PicturesSpec;
import io.github.neuralstyle4j.engine.ScheduledRun;
import io.github.neuralstyle4j.engine.StyleTransferRun;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.ImageWriter;
import io.github.neuralstyle4j.image.Resize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code neuralstyle stylize}: the main job. */
@Command(name = "stylize", mixinStandardHelpOptions = true,
        description = "Paint the content image in the style of the style image(s) (Gatys et al. 2016).")
final class StylizeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "JSON run configuration, e.g. config/default.json")
    String config;

    @Option(names = "--content", paramLabel = "IMG", description = "content image (overrides the config)")
    String content;

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

    @Option(names = "--size", paramLabel = "PX", description = "shorter side of the output in pixels (overrides the config)")
    Integer size;

    @Option(names = "--steps", paramLabel = "N", description = "evaluation budget of the seed's loop (overrides the config)")
    Integer steps;

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

    @Option(names = "--report", paramLabel = "FILE", description = "write a JSON report of the run")
    Path report;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    @Option(names = "--overwrite", description = "replace an existing output image or report")
    boolean overwrite;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "100000000",
            description = "refuse input images whose header declares more pixels (default: ${DEFAULT-VALUE})")
    long maxPixels;

    @Option(names = "--max-memory", paramLabel = "MB",
            description = "refuse a run whose estimated peak memory exceeds this (default: the available memory)")
    Long maxMemoryMb;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "continue from a checkpoint written by an"
            + " earlier run (config snapshots.checkpoint); --steps counts the earlier run's evaluations too")
    Path resume;

    @Option(names = "--plot", description = "also write the loss curve beside the output (NAME_losses.png)")
    boolean plot;

    @Option(names = "--contact-sheet", description = "also write content | style(s) | result beside the output"
            + " (NAME_sheet.png)")
    boolean contactSheet;

    @Option(names = "--content-dir", paramLabel = "DIR", description = "batch: stylize every image in DIR"
            + " (one output each in --output-dir, with summary.json); a failing image does not stop the batch")
    Path contentDir;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "batch: where the outputs and summary go"
            + " (default: stylized)")
    Path outputDir;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOptions();
        Path configFile = resolveAgainstHome(config);
        StyleTransferConfig cfg = overrides(ConfigLoader.load(configFile));
        String source = configFile.getFileName().toString();

        if (contentDir == null) {
            RunFiles.outputs(RunFiles.inputs(cfg, configFile, resume, overwrite), cfg, Path.of(cfg.output()), report)
                    .check();
        } else if (report != null) {
            // one report file for many runs would keep only the last one; the batch's summary.json covers them all
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--report is for a single run; a batch writes summary.json in --output-dir");
        }
        Path backboneDir = BackboneLocator.resolve(cfg.backbone(), quiet ? m -> { } : err::println);
        Backbone bb = Backbone.open(backboneDir);
        if (contentDir != null) {
            return new BatchRun(this, out, err).run(cfg, configFile, bb, contentDir,
                    outputDir != null ? outputDir : Path.of("stylized"));
        }
        checkMemory(cfg, bb, source);
        stylizeOne(cfg, source, bb, out, err, resume);
        return ExitCodes.OK;
    }

    /** One content image: run, write the image and what was asked for beside it, print the summary. */
    ScheduledRun.Result stylizeOne(StyleTransferConfig cfg, String source, Backbone bb, PrintWriter out,
                                   PrintWriter err, Path resumeFrom) {
        Path outputFile = Path.of(cfg.output());
        ScheduledRun.Result result;
        // from here on SIGINT / SIGTERM stop the run and keep its best image
        try (GracefulStop stop = GracefulStop.install()) {
            if (!quiet) {
                out.printf("Building the style transfer model.. (backbone %s, %s, %d px%s)%n", bb.manifest().name(),
                        cfg.device(), cfg.imageSize(), cfg.gramsInGraph() ? ", Gram matrices in the graph" : "");
                out.println("Optimizing..");
                out.flush();
            }
            Progress progress = new Progress(out, err, expectedEvaluations(cfg), quiet);
            try {
                result = ScheduledRun.run(cfg, source, bb, progress, resumeFrom,
                        new RunControl(stop.request(), maxPixels));
            } catch (RunInterruptedException e) {
                progress.finish();
                RunInterruptedException saved = saveBestSoFar(e, outputFile);
                throw e.requested() ? new SignalledStop(saved.getMessage(), stop.exitCode(), e) : saved;
            }
            progress.finish();
            writeResult(result.outcome().image(), outputFile, result, null);
        }
        StyleTransferRun.Outcome outcome = result.outcome();
        if (cfg.pictures().lossPlot()) {
            LossPlot.write(result.losses(), Pictures.beside(outputFile, "losses"));
        }
        if (cfg.pictures().contactSheet()) {
            Pictures.contactSheet(cfg, outcome.image(), Pictures.beside(outputFile, "sheet"));
        }
        if (!quiet) {
            if (outcome.fromBest()) {
                out.printf("the last L-BFGS step raised the loss (an unevaluated step, as in the seed); writing the"
                        + " best evaluated image instead (evaluation %d)%n", outcome.result().number());
            }
            out.printf("wrote %s (%d×%d) after %d evaluations in %.1f s (%.3f s/evaluation); style %.6f, content %.6f%n",
                    outputFile, outcome.width(), outcome.height(), outcome.evaluations(), outcome.seconds(),
                    outcome.seconds() / outcome.evaluations(), outcome.result().style(), outcome.result().content());
            if (result.stages().size() > 1) {
                out.println("stages: " + String.join(", ", result.stages().stream().map(st -> String.format(
                        "%d px (%d evaluations, %.1f s)", st.size(), st.evaluations(), st.seconds())).toList())
                        + "; the line above is the last stage");
            }
            var t = outcome.times();
            out.printf("time: forward %.1f s, losses %.1f s, gradient %.1f s, optimiser %.1f s%n", t.forwardSeconds(),
                    t.lossSeconds(), t.backwardSeconds(),
                    outcome.seconds() - t.forwardSeconds() - t.lossSeconds() - t.backwardSeconds());
            double[] cpu = t.threadCpuSeconds();
            out.printf("CPU time of the calling thread: forward %.2f s, losses %.2f s, gradient %.2f s"
                    + " (all of the work with --threads 1)%n", cpu[0], cpu[1], cpu[2]);
        }
        return result;
    }

    /** Values no config can fix, refused before anything is read (exit 2, naming the option). */
    private void checkOptions() {
        if (maxPixels <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-pixels must be positive");
        }
        if (maxMemoryMb != null && (maxMemoryMb <= 0 || maxMemoryMb > Long.MAX_VALUE >> 20)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-memory must be a positive number of"
                    + " MB, got " + maxMemoryMb);
        }
    }

    /** Refuses, before any session is built, a run whose estimated peak memory exceeds the limit. */
    private void checkMemory(StyleTransferConfig cfg, Backbone bb, String source) {
        ConfigLoader.checkLayers(cfg, bb.layerNames(), source);
        Resize.Size original = ImageLoading.dimensions(cfg.content().image(), maxPixels);
        // a coarse-to-fine schedule peaks at its largest stage, whatever the config's own size says
        int largest = cfg.schedule().stream().mapToInt(ScheduleStage::size).max().orElse(cfg.imageSize());
        Resize.Size size = Resize.outputSize(original.width(), original.height(), largest);
        Set<String> taps = new LinkedHashSet<>();
        cfg.content().layers().keySet().forEach(l -> taps.add(bb.tensorFor(l)));
        cfg.style().layers().keySet().forEach(l -> taps.add(bb.tensorFor(l)));
        MemoryEstimate estimate = MemoryEstimate.of(bb.graph(), taps, size.height(), size.width(),
                cfg.optimizer().historySize(), cfg.style().images().size());
        long limit = maxMemoryMb != null ? maxMemoryMb << 20 : MemoryEstimate.availableBytes();
        if (estimate.total() > limit) {
            throw new ConfigException(source, "$.size", String.format("a %d×%d run needs an estimated %s, more than"
                    + " the %s %s; use a smaller --size, a coarse-to-fine \"schedule\" whose last"
                    + " stage fits, or fewer/earlier layers", size.width(), size.height(),
                    estimate.describe(), MemoryEstimate.human(limit),
                    maxMemoryMb != null ? "--max-memory limit" : "memory available now"));
        }
    }

    /**
     * The image, then the report: a failed image write (a full disk) does not keep the report (perhaps on another
     * disk) from being written, and is thrown after it (exit 7).
     */
    private void writeResult(io.github.neuralstyle4j.image.RgbImage image, Path outputFile, ScheduledRun.Result result,
                             String stopped) {
        RuntimeException imageFailure = null;
        try {
            ImageWriter.write(image, outputFile, overwrite);
        } catch (io.github.neuralstyle4j.image.ImageException e) {
            imageFailure = e;
        }
        if (report != null) {
            try {
                RunReport.write(result, report, stopped, overwrite);
            } catch (IOException e) {
                java.io.UncheckedIOException failure = new java.io.UncheckedIOException(
                        "cannot write the report " + report + ": " + e.getMessage(), e);
                if (imageFailure == null) {
                    throw failure;
                }
                imageFailure.addSuppressed(failure);
            }
        }
        if (imageFailure != null) {
            throw imageFailure;
        }
    }

    /** Writes the best image so far and the report of a run that ended early; the returned error says where. */
    private RunInterruptedException saveBestSoFar(RunInterruptedException e, Path outputFile) {
        StyleTransferRun.Outcome best = e.bestSoFar();
        if (best == null) {
            return new RunInterruptedException(e.getMessage() + "; no evaluation finished, nothing written", null,
                    e.requested(), e);
        }
        writeResult(best.image(), outputFile, new ScheduledRun.Result(best, List.of(), best.losses()), e.getMessage());
        return new RunInterruptedException(String.format("%s; wrote the best image so far (evaluation %d) to %s%s",
                e.getMessage(), best.result().number(), outputFile, report == null ? "" : " and the report to " + report),
                best, e.requested(), e);
    }

    private StyleTransferConfig overrides(StyleTransferConfig c) {
        if (plot || contactSheet) {
            PicturesSpec p = c.pictures();
            c = c.toBuilder().pictures(new PicturesSpec(p.lossPlot() || plot, p.contactSheet() || contactSheet))
                    .build();
        }
        if (content != null) {
            c = override("--content", c, x -> x.withContentImage(content));
        }
        if (styles != null && !styles.isEmpty()) {
            c = override("--style", c, x -> x.withStyleImages(styles));
        }
        if (styleWeights != null) {
            c = override("--style-weights", c, x -> x.withStyleWeights(styleWeights));
        }
        if (styleScale != null) {
            c = override("--style-scale", c, x -> x.withStyleScale(styleScale));
        }
        if (preserveColors != null) {
            c = c.toBuilder().preserveColors(option("--preserve-colors", () -> PreserveColors.parse(preserveColors)))
                    .build();
        }
        if (init != null) {
            c = override("--init", c, x -> x.toBuilder().init(init.equals("content") || init.equals("noise")
                    ? InitImage.parse(init) : InitImage.ofImage(init)).build());
        }
        if (seed != null) {
            c = override("--seed", c, x -> x.withSeed(seed));
        }
        if (tvWeight != null) {
            c = override("--tv-weight", c, x -> x.toBuilder().tvWeight(tvWeight).build());
        }
        if (output != null) {
            c = override("--output", c, x -> x.withOutput(output));
        }
        if (size != null) {
            c = override("--size", c, x -> x.withSize(size));
        }
        if (steps != null) {
            c = override("--steps", c, x -> x.withSteps(steps));
        }
        if (backbone != null) {
            c = override("--backbone", c, x -> x.withBackbone(backbone));
        }
        if (device != null) {
            c = override("--device", c, x -> x.withDevice(DeviceSpec.parse(device)));
        }
        if (threads != null) {
            c = override("--threads", c, x -> x.withThreads(threads));
        }
        if (gramInGraph != null) {
            c = c.toBuilder().gramInGraph(gramInGraph).build();
        }
        return c;
    }

    /** The config changed by an option; a value the config refuses is a usage error naming the option (exit 2). */
    private StyleTransferConfig override(String name, StyleTransferConfig c,
                                         java.util.function.UnaryOperator<StyleTransferConfig> change) {
        return option(name, () -> change.apply(c));
    }

    /** A value of an option parsed by a config parser; its error becomes a usage error naming the option. */
    private <T> T option(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + ": " + e.problem());
        }
    }

    /** The seed's loop makes whole steps of max_iter evaluations while at most {@code steps} were made. */
    static int expectedEvaluations(StyleTransferConfig c) {
        int perStep = c.optimizer().maxIter();
        List<Integer> stages = c.schedule().isEmpty() ? List.of(c.steps())
                : c.schedule().stream().map(io.github.neuralstyle4j.config.ScheduleStage::steps).toList();
        // Adam and NCG make exactly their budget of evaluations
        return stages.stream().mapToInt(steps -> c.optimizer().name() == OptimizerSpec.Algorithm.LBFGS
                ? (steps / perStep + 1) * perStep : steps).sum();
    }

    /** A relative path that does not exist here is looked up in the project home, so shipped configs work anywhere. */
    static Path resolveAgainstHome(String file) {
        Path p = Path.of(file);
        String home = System.getProperty(BackboneLocator.HOME_PROPERTY);
        if (!p.isAbsolute() && !Files.exists(p) && home != null && Files.exists(Path.of(home).resolve(p))) {
            return Path.of(home).resolve(p);
        }
        return p;
    }
}
