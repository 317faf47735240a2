package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.engine.ScheduledRun;
import io.github.neuralstyle4j.files.OutputException;
import io.github.neuralstyle4j.files.OutputTargets;
import io.github.neuralstyle4j.image.AtomicFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Batch mode: every image in a folder × the config's style set, one output each, and a summary (a table on stdout,
 * {@code summary.json} in the output folder). A failing image is reported and the batch goes on; the exit code
 * says whether all succeeded.
 */
final class BatchRun {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    /** One line of the summary; {@code status} is {@code ok} or {@code failed: reason}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String content, String output, String status, Integer width, Integer height, Integer evaluations,
               Double seconds, Double style, Double contentLoss, Double total) {
    }

    private final StylizeCommand command;
    private final PrintWriter out;
    private final PrintWriter err;

    BatchRun(StylizeCommand command, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.out = out;
        this.err = err;
    }

    int run(StyleTransferConfig cfg, Path configFile, Backbone bb, Path contentDir, Path outputDir)
            throws IOException {
        String source = configFile.getFileName().toString();
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
            RunFiles.outputs(targets, cfg, outputDir.resolve(stem(image) + ".png"), null);
        }
        targets.output("the summary", outputDir.resolve("summary.json")).check();
        List<Row> rows = new ArrayList<>();
        for (Path image : images) {
            Path output = outputDir.resolve(stem(image) + ".png");
            StyleTransferConfig one = cfg.withContentImage(image.toString()).withOutput(output.toString());
            try {
                ScheduledRun.Result r = command.stylizeOne(one, source, bb, out, err, null);
                var o = r.outcome();
                double seconds = r.stages().stream().mapToDouble(ScheduledRun.Stage::seconds).sum();
                rows.add(new Row(image.toString(), output.toString(), "ok", o.width(), o.height(), r.losses().size(),
                        seconds, o.result().style(), o.result().content(), o.result().total()));
            } catch (SignalledStop stopped) {
                // Ctrl-C / SIGTERM stops the batch, not just this image: keep what was done, then exit
                rows.add(new Row(image.toString(), output.toString(), "stopped: " + stopped.getMessage(), null, null,
                        null, null, null, null, null));
                writeSummary(rows, outputDir.resolve("summary.json"));
                throw stopped;
            } catch (RuntimeException e) {
                // reported in the summary; the batch goes on with the next image
                rows.add(new Row(image.toString(), output.toString(), "failed: " + e.getMessage(), null, null, null,
                        null, null, null, null));
                err.println(image + ": failed: " + e.getMessage());
                err.flush();
            }
        }
        writeSummary(rows, outputDir.resolve("summary.json"));
        printTable(rows);
        long failed = rows.stream().filter(r -> !r.status().equals("ok")).count();
        return failed == 0 ? ExitCodes.OK : ExitCodes.BATCH;
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
