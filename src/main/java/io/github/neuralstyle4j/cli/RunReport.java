package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.api.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --report} JSON: timings, sizes, device and every evaluation's losses (weighted as the seed prints).
 * {@code final} holds the losses of the written image, and {@code image_from} says which point that is: the
 * optimiser's last step (the seed's output) or the best evaluation when that last step made things worse.
 * {@code stopped}, present only when the run ended early, says why (a signal, a non-finite loss); {@code stop_rule},
 * present only when the config's stop rule ended the run, says which part of it did.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RunReport(int evaluations, double seconds, double secondsPerEvaluation, int width, int height, String device,
                 String backbone, @com.fasterxml.jackson.annotation.JsonProperty("final") Losses finalLosses,
                 String imageFrom, List<Losses> losses,
                 @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                 List<StageReport> stages, String stopped, String stopRule) {

    /** One stage of a coarse-to-fine schedule (absent for a run without one). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StageReport(int size, int width, int height, int evaluations, double seconds,
                       @com.fasterxml.jackson.annotation.JsonProperty("final") Losses finalLosses) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Losses(Integer evaluation, double style, double content, double tv, double total) {
        static Losses of(Evaluation e, boolean numbered) {
            return new Losses(numbered ? e.number() : null, e.style(), e.content(), e.tv(), e.total());
        }
    }

    /**
     * The totals count every stage; the losses list holds every evaluation of every stage in order, each numbered
     * within its stage.
     */
    static RunReport of(Result r) {
        return of(r, null);
    }

    static RunReport of(Result r, String stopped) {
        int evaluations = r.losses().size();
        double seconds = r.totalSeconds();
        List<StageReport> stages = r.stages().size() < 2 ? List.of() : r.stages().stream()
                .map(s -> new StageReport(s.size(), s.width(), s.height(), s.evaluations(), s.seconds(),
                        Losses.of(s.result(), false))).toList();
        return new RunReport(evaluations, seconds, seconds / evaluations, r.width(), r.height(),
                r.device(), r.backbone(), Losses.of(r.evaluation(), false),
                r.fromBest() ? "evaluation " + r.evaluation().number() : "last step",
                r.losses().stream().map(e -> Losses.of(e, true)).toList(), stages, stopped,
                r.stoppedBy() == Result.StoppedBy.STOP_RULE ? r.stopMessage() : null);
    }

    /** Written to a temporary file and renamed, so a reader never sees half a report. */
    static void write(Result outcome, Path file) throws IOException {
        write(outcome, file, null, true);
    }

    /** As {@link #write(Result, Path)} for a run that ended early for the reason {@code stopped}. */
    static void write(Result outcome, Path file, String stopped, boolean replace) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = io.github.neuralstyle4j.image.AtomicFiles.temporarySibling(file);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    .writerFor(RunReport.class).writeValue(tmp.toFile(), of(outcome, stopped));
            io.github.neuralstyle4j.files.Publish.move(tmp, file.toAbsolutePath(), replace);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
