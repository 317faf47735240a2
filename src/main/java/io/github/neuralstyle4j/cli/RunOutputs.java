package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.api.StyleTransfer;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.engine.PhaseTimes;
import io.github.neuralstyle4j.engine.RunInterruptedException;
import io.github.neuralstyle4j.image.ImageException;
import io.github.neuralstyle4j.image.ImageWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * What {@code stylize} writes for one result: the image, the report, the pictures beside them, and the summary
 * lines; a run that ended early still writes its best image and report, then fails with where they went.
 */
final class RunOutputs {

    private final Path image;
    private final Path report;
    private final boolean overwrite;

    /**
     * @param report    the report file, or null for none
     * @param overwrite replace existing files; without it a file must still be absent when it is written (checked
     *                  before the run by {@link RunFiles}, and again at write time)
     */
    RunOutputs(Path image, Path report, boolean overwrite) {
        this.image = image;
        this.report = report;
        this.overwrite = overwrite;
    }

    /**
     * Writes the image and the report. A run stopped early then fails: with {@link SignalledStop} (exit code
     * {@code signalExitCode}) when it was asked to stop, else with a {@link RunInterruptedException}.
     */
    void write(Result result, int signalExitCode) {
        // a failed image write (a full disk) does not keep the report, perhaps on another disk, from being written
        RuntimeException imageFailure = null;
        try {
            writeImage(result);
        } catch (ImageException e) {
            imageFailure = e;
        }
        if (report != null) {
            try {
                RunReport.write(result, report, result.completed() ? null : result.stopMessage(), overwrite);
            } catch (IOException e) {
                UncheckedIOException failure = new UncheckedIOException("cannot write the report " + report + ": "
                        + e.getMessage(), e);
                if (imageFailure == null) {
                    throw failure;
                }
                imageFailure.addSuppressed(failure);
            }
        }
        if (imageFailure != null) {
            throw imageFailure;
        }
        if (!result.completed()) {
            String message = stoppedEarly(result) + (report == null ? "" : " and the report to " + report);
            throw result.stoppedBy() == Result.StoppedBy.REQUEST ? new SignalledStop(message, signalExitCode, null)
                    : new RunInterruptedException(message, null, false, null);
        }
    }

    /** The lines before a run: the model being built, then the optimisation. */
    static void printStart(PrintWriter out, StyleTransfer transfer, StyleTransferConfig cfg) {
        out.printf("Building the style transfer model.. (backbone %s, %s, %d px%s)%n",
                transfer.backbone().manifest().name(), cfg.device(), cfg.imageSize(),
                cfg.gramsInGraph() ? ", Gram matrices in the graph" : "");
        out.println("Optimizing..");
        out.flush();
    }

    /** A run that ended before its first evaluation: nothing was written, and the error says so. */
    static RuntimeException nothingWritten(RunInterruptedException e, int signalExitCode) {
        String message = e.getMessage() + "; no evaluation finished, nothing written";
        return e.requested() ? new SignalledStop(message, signalExitCode, e)
                : new RunInterruptedException(message, null, false, e);
    }

    /** Writes the result's image. */
    void writeImage(Result result) {
        ImageWriter.write(result.image(), image, overwrite);
    }

    /** Why a result ended early and where its best image went. */
    String stoppedEarly(Result result) {
        return String.format("%s; wrote the best image so far (evaluation %d) to %s", result.stopMessage(),
                result.evaluation().number(), image);
    }

    /** The loss plot and the contact sheet, when the config asks for them. */
    void pictures(StyleTransferConfig cfg, Result result) {
        if (cfg.pictures().lossPlot()) {
            LossPlot.write(result.losses(), Pictures.beside(image, "losses"));
        }
        if (cfg.pictures().contactSheet()) {
            Pictures.contactSheet(cfg, result.image(), Pictures.beside(image, "sheet"));
        }
    }

    /** What was written, after how long, the losses, the stages and where the time went. */
    void printSummary(PrintWriter out, Result r) {
        if (r.stoppedBy() == Result.StoppedBy.STOP_RULE) {
            out.printf("stopped: %s; writing the best evaluated image (evaluation %d)%n", r.stopMessage(),
                    r.evaluation().number());
        } else if (r.fromBest()) {
            out.printf("the last L-BFGS step raised the loss (an unevaluated step, as in the seed); writing the"
                    + " best evaluated image instead (evaluation %d)%n", r.evaluation().number());
        }
        int evaluations = r.stages().get(r.stages().size() - 1).evaluations();
        out.printf("wrote %s (%d×%d) after %d evaluations in %.1f s (%.3f s/evaluation); style %.6f, content %.6f%n",
                image, r.width(), r.height(), evaluations, r.seconds(), r.seconds() / evaluations,
                r.evaluation().style(), r.evaluation().content());
        if (r.stages().size() > 1) {
            out.println("stages: " + String.join(", ", r.stages().stream().map(st -> String.format(
                    "%d px (%d evaluations, %.1f s)", st.size(), st.evaluations(), st.seconds())).toList())
                    + "; the line above is the last stage");
        }
        PhaseTimes t = r.times();
        out.printf("time: forward %.1f s, losses %.1f s, gradient %.1f s, optimiser %.1f s%n", t.forwardSeconds(),
                t.lossSeconds(), t.backwardSeconds(),
                r.seconds() - t.forwardSeconds() - t.lossSeconds() - t.backwardSeconds());
        double[] cpu = t.threadCpuSeconds();
        out.printf("CPU time of the calling thread: forward %.2f s, losses %.2f s, gradient %.2f s"
                + " (all of the work with --threads 1)%n", cpu[0], cpu[1], cpu[2]);
        out.flush();
    }
}
