package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.api.StyleTransfer;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.config.BuiltinDefault;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.ConfiguredRun;
import io.github.neuralstyle4j.config.RequestMapper;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.engine.RunInterruptedException;
import io.github.neuralstyle4j.tiles.TilePlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code neuralstyle stylize}: parses, maps the config to requests, runs them through the façade, prints. */
@Command(name = "stylize", mixinStandardHelpOptions = true,
        description = "Paint the content image in the style of the style image(s) (Gatys et al. 2016).")
final class StylizeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON run configuration under the options given"
            + " here (default: the built-in default, the same as config/default.json)")
    String config;

    @CommandLine.Mixin
    StylizeOptions overrides;
    @CommandLine.Mixin
    TuningOptions tuning;

    @Option(names = "--report", paramLabel = "FILE", description = "write a JSON report of the run")
    Path report;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    @Option(names = "--overwrite", description = "replace an existing output image or report")
    boolean overwrite;

    @CommandLine.Mixin
    LimitOptions limits;

    @CommandLine.Mixin
    TileOptions tiles;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "continue from a checkpoint written by an"
            + " earlier run (config snapshots.checkpoint); --steps counts the earlier run's evaluations too")
    Path resume;

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
        limits.validate(spec.commandLine());
        Path configFile = config != null ? resolveAgainstHome(config) : null;
        StyleTransferConfig cfg = tuning.configure(tiles.applyTo(configFile != null ? ConfigLoader.load(configFile)
                : BuiltinDefault.config(), spec.commandLine()), overrides, spec.commandLine(), contentDir != null,
                limits.maxPixels);
        TileOptions.check(cfg, spec.commandLine(), contentDir != null, resume != null);
        String source = configFile != null ? configFile.getFileName().toString() : "the built-in default";
        if (contentDir == null) {
            RunFiles.outputs(RunFiles.inputs(cfg, configFile, resume, overwrite), cfg, Path.of(cfg.output()), report,
                    resume).check();
        } else if (report != null) {
            // one report file for many runs would keep only the last one; the batch's summary.json covers them all
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--report is for a single run; a batch writes summary.json in --output-dir");
        }
        Backbone backbone = Backbone.open(BackboneLocator.resolve(cfg.backbone(), quiet ? m -> { } : err::println));
        ConfigLoader.checkLayers(cfg, backbone.layerNames(), source);
        // one size's sessions at a time, as the memory check counts them (a schedule's stages replace each other)
        try (StyleTransfer transfer = StyleTransfer.builder().backbone(backbone).device(RequestMapper.device(cfg))
                .threads(cfg.threads()).cachedSizes(1).build()) {
            if (contentDir != null) {
                return new BatchRun(this, transfer, out, err).run(cfg, configFile, contentDir,
                        outputDir != null ? outputDir : Path.of("stylized"));
            }
            stylizeOne(transfer, cfg, source, out, err, resume);
            return ExitCodes.OK;
        }
    }

    /** One content image: run, write the image and what was asked for beside it, print the summary. */
    Result stylizeOne(StyleTransfer transfer, StyleTransferConfig cfg, String source, PrintWriter out,
                      PrintWriter err, Path resumeFrom) {
        RunOutputs outputs = new RunOutputs(Path.of(cfg.output()), report, overwrite);
        // from here on SIGINT / SIGTERM stop the run and keep its best image
        try (GracefulStop stop = GracefulStop.install()) {
            Progress progress = new Progress(out, err, Progress.plan(cfg), cfg.optimizer(), quiet,
                    tuning.printEvery);
            Request request = ConfiguredRun.request(cfg, source, progress, resumeFrom, stop.request(),
                    limits.maxPixels, limits.memoryLimitBytes());
            TilePlan plan; // before any output: a refusal prints one line only
            try {
                plan = transfer.plan(request);
            } catch (IllegalArgumentException e) { // the layers were checked: a forced grid that does not fit
                throw new CommandLine.ParameterException(spec.commandLine(), "--tiles: " + e.getMessage());
            }
            if (plan.tiled()) {
                progress.usePlan(plan, Progress.plan(cfg));
            }
            if (!quiet) {
                RunOutputs.printStart(out, transfer, cfg);
                if (plan.tiled()) {
                    out.print(plan.describe());
                    out.flush();
                }
            }
            Result result;
            try {
                result = ConfiguredRun.run(transfer, cfg, request);
            } catch (RunInterruptedException e) {
                progress.finish();
                throw RunOutputs.nothingWritten(e, stop.exitCode());
            }
            progress.finish();
            outputs.write(result, stop.exitCode());
            outputs.pictures(cfg, result);
            if (!quiet) {
                outputs.printSummary(out, result);
            }
            return result;
        }
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
