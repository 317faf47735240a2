package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.neuralstyle4j.api.Batch;
import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.api.StyleTransfer;
import io.github.neuralstyle4j.config.ConfiguredRun;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.files.OutputException;
import io.github.neuralstyle4j.files.OutputTargets;
import io.github.neuralstyle4j.image.AtomicFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Batch mode as the command line shows it: every image in a folder × the config's style set through
 * {@link Batch}, one output each, and a summary (a table on stdout, {@code summary.json} in the output folder). The
 * exit code says whether all succeeded.
 */
final class BatchRun {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    /** One line of the summary; {@code status} is {@code ok}, {@code failed: reason} or {@code stopped: reason}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String content, String output, String status, Integer width, Integer height, Integer evaluations,
               Double seconds, Double style, Double contentLoss, Double total) {
    }

    private final StylizeCommand command;
    private final StyleTransfer transfer;
    private final PrintWriter out;
    private final PrintWriter err;

    BatchRun(StylizeCommand command, StyleTransfer transfer, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.transfer = transfer;
        this.out = out;
        this.err = err;
    }

    int run(StyleTransferConfig cfg, Path configFile, Path contentDir, Path outputDir) throws IOException {
        String source = configFile != null ? configFile.getFileName().toString() : "the built-in default";
        List<Path> images = images(contentDir);
        if (images.isEmpty()) {
            throw new IOException("no images (" + String.join(", ", IMAGE_EXTENSIONS.stream().sorted().toList())
                    + ") in " + contentDir);
        }
        // every output is checked before the first run, as a single run checks its one output: an existing file is
        // kept unless --overwrite, and an unwritable folder is found before hours of work rather than after
        if (OutputTargets.sameFile(contentDir, outputDir)) {
            throw new OutputException("--output-dir is --content-dir (" + contentDir + "): the results would replace"
                    + " or mix with the images; choose another folder");
        }
        // two images with one stem (photo.jpg, photo.png) would be written to one file: found before the first run
        OutputTargets targets = RunFiles.inputs(cfg, configFile, null, command.overwrite);
        images.forEach(image -> targets.input("content image", image));
        for (Path image : images) {
            RunFiles.outputs(targets, cfg, output(outputDir, image), null, null);
        }
        targets.output("the summary", outputDir.resolve("summary.json")).check();
        List<Batch.Entry> entries;
        // SIGINT / SIGTERM stop the batch, not just one image: what was done is kept and summarised
        try (GracefulStop stop = GracefulStop.install()) {
            Map<String, StyleTransferConfig> configs = new LinkedHashMap<>();
            List<Batch.Item> items = new ArrayList<>();
            for (Path image : images) {
                StyleTransferConfig one = cfg.withContentImage(image.toString())
                        .withOutput(output(outputDir, image).toString());
                configs.put(image.toString(), one);
                items.add(new Batch.Item(image.toString(), () -> {
                    // --max-side per image (its own aspect ratio), read here so that an unreadable image fails alone
                    StyleTransferConfig sized = command.tuning.applyMaxSide(one, command.spec.commandLine(),
                            command.limits.maxPixels);
                    return ConfiguredRun.request(sized, source, new Progress(out, err, Progress.plan(sized),
                                    sized.optimizer(), command.quiet, command.tuning.printEvery), null,
                            stop.request(), command.limits.maxPixels, command.limits.memoryLimitBytes());
                }));
            }
            entries = Batch.run(transfer, items, stop.request(), (item, result) -> {
                StyleTransferConfig one = configs.get(item.name());
                RunOutputs outputs = new RunOutputs(Path.of(one.output()), null, command.overwrite);
                outputs.writeImage(result);
                if (result.completed()) {
                    outputs.pictures(one, result);
                    if (!command.quiet) {
                        outputs.printSummary(out, result);
                    }
                }
            });
            List<Row> rows = entries.stream().map(e -> row(e, outputDir)).toList();
            writeSummary(rows, outputDir.resolve("summary.json"));
            if (stop.request().isRequested()) {
                Batch.Entry last = entries.get(entries.size() - 1);
                String what = last.stopped() ? new RunOutputs(output(outputDir, Path.of(last.name())), null,
                        command.overwrite)
                        .stoppedEarly(last.result()) : stop.request().reason();
                throw new SignalledStop(what + "; the batch stopped, summary in " + outputDir.resolve("summary.json"),
                        stop.exitCode(), null);
            }
            printTable(rows);
        }
        return entries.stream().allMatch(Batch.Entry::succeeded) && entries.size() == images.size()
                ? ExitCodes.OK : ExitCodes.BATCH;
    }

    private Row row(Batch.Entry e, Path outputDir) {
        String output = output(outputDir, Path.of(e.name())).toString();
        if (e.failure() != null) {
            err.println(e.name() + ": failed: " + e.failure().getMessage());
            err.flush();
            return new Row(e.name(), output, "failed: " + e.failure().getMessage(), null, null, null, null, null,
                    null, null);
        }
        Result r = e.result();
        String status = r.completed() ? "ok" : "stopped: " + r.stopMessage();
        return new Row(e.name(), output, status, r.width(), r.height(), r.evaluations(), r.totalSeconds(),
                r.evaluation().style(), r.evaluation().content(), r.evaluation().total());
    }

    private static Path output(Path outputDir, Path image) {
        return outputDir.resolve(stem(image) + ".png");
    }

    static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> IMAGE_EXTENSIONS.contains(extension(p)))
                    .sorted().toList();
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static void writeSummary(List<Row> rows, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = AtomicFiles.temporarySibling(target);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), rows);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void printTable(List<Row> rows) {
        out.printf("%-30s %-9s %5s %8s %12s %12s  %s%n", "content", "size", "evals", "seconds", "style", "content",
                "status");
        for (Row r : rows) {
            String name = Path.of(r.content()).getFileName().toString();
            if (r.width() == null) {
                out.printf("%-30s %-9s %5s %8s %12s %12s  %s%n", name, "-", "-", "-", "-", "-", r.status());
            } else {
                out.printf("%-30s %-9s %5d %8.1f %12.6g %12.6g  %s%n", name, r.width() + "x" + r.height(),
                        r.evaluations(), r.seconds(), r.style(), r.contentLoss(), r.status());
            }
        }
        out.flush();
    }
}
