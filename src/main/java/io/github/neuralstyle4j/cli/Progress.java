package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.api.RunListener;

import java.io.PrintWriter;

/**
 * Prints the seed's loss lines every 50 evaluations, and the progress (evaluation count, time per evaluation,
 * time left) on stderr: as a live bar on a terminal, as a plain line every 50 evaluations otherwise (logs, CI).
 */
final class Progress implements RunListener {

    private static final int SEED_PRINT_EVERY = 50;

    private final PrintWriter out;
    private final PrintWriter err;
    private final int expected;
    private final boolean quiet;
    private final boolean bar = System.console() != null;
    private final long start = System.nanoTime();
    private boolean barShown;

    Progress(PrintWriter out, PrintWriter err, int expected, boolean quiet) {
        this.out = out;
        this.err = err;
        this.expected = expected;
        this.quiet = quiet;
    }

    @Override
    public void onEvaluation(Evaluation e) {
        if (quiet) {
            return;
        }
        double perEval = (System.nanoTime() - start) / 1e9 / e.number();
        int total = Math.max(expected, e.number());
        String status = String.format("%d/%d evaluations  %.3f s/eval  %s left", e.number(), total, perEval,
                duration(perEval * (total - e.number())));
        if (e.number() % SEED_PRINT_EVERY == 0) {
            clearBar();
            out.printf("run [%d]:%nStyle Loss : %f Content Loss: %f%n%n", e.number(), e.style(), e.content());
            out.flush();
            if (!bar) {
                err.println("[" + status + "]");
                err.flush();
            }
        }
        if (bar) {
            int filled = (int) (30L * e.number() / total);
            err.printf("\r[%s%s] %s ", "#".repeat(filled), ".".repeat(30 - filled), status);
            err.flush();
            barShown = true;
        }
    }

    /** Shown even with --quiet: it is about files the user asked for. */
    @Override
    public void onWarning(String message) {
        clearBar();
        err.println("neuralstyle: warning: " + message);
        err.flush();
    }

    void finish() {
        clearBar();
    }

    private void clearBar() {
        if (barShown) {
            err.print("\r" + " ".repeat(79) + "\r");
            err.flush();
            barShown = false;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
