package io.github.neuralstyle4j.video;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The video run's progress on stderr: frames done of the total, seconds per frame (this run's frames) and the time
 * left at that pace, with the frame's losses; and the summary on stdout.
 */
final class VideoProgress implements VideoStylizer.Listener {

    private final PrintWriter err;
    private final boolean quiet;
    private double seconds;
    private int made;
    private double styleSum;
    private double temporalSum;

    VideoProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void frameDone(VideoStylizer.FrameDone done, int first, int total) {
        seconds += done.seconds();
        made++;
        styleSum += done.result().evaluation().style();
        temporalSum += done.result().evaluation().image();
        double perFrame = seconds / made;
        int left = total - done.index() - 1;
        if (!quiet) {
            err.println(line(done.index() + 1, total, perFrame, left * perFrame, done));
            err.flush();
        }
    }

    static String line(int framesDone, int total, double perFrame, double secondsLeft, VideoStylizer.FrameDone d) {
        long s = Math.round(secondsLeft);
        return String.format(Locale.ROOT, "frame %d/%d  %.1f s/frame  %d:%02d:%02d left  style %.4g  content %.4g"
                        + "  temporal %.4g", framesDone, total, perFrame, s / 3600, s / 60 % 60, s % 60,
                d.result().evaluation().style(), d.result().evaluation().content(), d.result().evaluation().image());
    }

    void summary(PrintWriter out, Path folder, int total) {
        if (quiet) {
            return;
        }
        if (made == 0) {
            out.println("all " + total + " frames were already in " + folder + " (nothing to do)");
        } else {
            out.printf(Locale.ROOT, "%d frames made (%d in all) in %s: %.1f s/frame, mean style loss %.4g, mean"
                    + " temporal loss %.4g%n", made, total, folder, seconds / made, styleSum / made, temporalSum / made);
        }
        out.flush();
    }
}
