package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.cli.ExitCodes;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented command on a generated 8-frame 64 px clip: a frame folder and an mp4 in, stylized frames and an mp4
 * out, a stopped run resumed at its first missing frame, and one-line refusals.
 */
class VideoCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VideoCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void framesFolderBecomesStylizedFramesAndResumesAtTheFirstMissingOne(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Clips.write(in, 8, 64, 64);
        Path out = dir.resolve("out");
        Run r = run("--frames", in.toString(), "--style", "builtin:brushstrokes", "--size", "64", "--steps", "4",
                "--output-dir", out.toString());
        assertEquals(0, r.code(), r.err());
        for (int i = 1; i <= 8; i++) {
            RgbImage frame = ImageLoading.read(out.resolve(String.format("frame_%05d.png", i)));
            assertEquals(64, frame.width());
            assertEquals(64, frame.height());
        }
        // progress: frames done of the total, seconds per frame, time left
        assertTrue(r.err().contains("frame 8/8") && r.err().contains("s/frame") && r.err().contains("left"), r.err());
        // temporal consistency ran: every frame after the first has a temporal loss
        assertEquals(0, temporalLoss(r.err(), 1), r.err());
        assertTrue(temporalLoss(r.err(), 2) > 0, r.err());

        // a stopped run: frames 6–8 missing; the rerun makes exactly those, leaves 1–5 untouched, and makes the same
        // bytes as the uninterrupted run (the previous result is read back as written, the flow recomputed)
        byte[] fifth = Files.readAllBytes(out.resolve("frame_00005.png"));
        byte[][] uninterrupted = new byte[9][];
        for (int i = 6; i <= 8; i++) {
            uninterrupted[i] = Files.readAllBytes(out.resolve(String.format("frame_%05d.png", i)));
            Files.delete(out.resolve(String.format("frame_%05d.png", i)));
        }
        Run resumed = run("--frames", in.toString(), "--style", "builtin:brushstrokes", "--size", "64", "--steps",
                "4", "--output-dir", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("3 frames made (8 in all)"), resumed.out());
        assertFalse(resumed.err().contains("frame 5/8"), resumed.err());
        assertArrayEquals(fifth, Files.readAllBytes(out.resolve("frame_00005.png")));
        for (int i = 6; i <= 8; i++) {
            assertArrayEquals(uninterrupted[i], Files.readAllBytes(out.resolve(String.format("frame_%05d.png", i))),
                    "frame " + i);
        }

        // a gap (frame 3 missing, 4 present) is refused rather than silently overwritten
        Files.delete(out.resolve("frame_00003.png"));
        Run gap = run("--frames", in.toString(), "--size", "64", "--steps", "2", "--output-dir", out.toString());
        assertEquals(ExitCodes.IO, gap.code(), gap.err());
        assertEquals(1, gap.err().strip().lines().count(), gap.err());
    }

    /** The temporal loss printed on frame n's progress line (its last number). */
    private static double temporalLoss(String err, int n) {
        String line = err.lines().filter(l -> l.startsWith("frame " + n + "/")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void mp4InBecomesStylizedFramesAndMp4Out(@TempDir Path dir) throws Exception {
        Path frames = Files.createDirectory(dir.resolve("frames"));
        List<Path> files = Clips.write(frames, 8, 64, 64);
        Path clip = dir.resolve("clip.mp4");
        VideoFiles.encode(files, clip, 10, false);
        Path out = dir.resolve("out");
        Path video = dir.resolve("styled.mp4");
        Run r = run("--input", clip.toString(), "--size", "64", "--steps", "3", "--output-dir", out.toString(),
                "--output", video.toString(), "--no-temporal", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("frame_00008.png")));
        assertFalse(Files.exists(out.resolve("frame_00009.png")));
        // the decoded input frames were a temporary folder: gone
        try (var left = Files.list(out)) {
            assertEquals(8, left.count());
        }
        Path decoded = Files.createDirectory(dir.resolve("decoded"));
        assertEquals(10, VideoFiles.decode(video, decoded), 1e-9);
        assertEquals(8, FrameFolder.inputs(decoded).size());
        assertEquals(64, ImageLoading.read(decoded.resolve("00001.png")).width());

        // the mp4 is not replaced without --overwrite
        Run again = run("--input", clip.toString(), "--size", "64", "--steps", "3", "--output-dir", out.toString(),
                "--output", video.toString(), "--no-temporal");
        assertEquals(ExitCodes.IO, again.code(), again.err());
    }

    @Test
    void oddSizedFramesAreCutToEvenForTheMp4(@TempDir Path dir) {
        List<Path> files = Clips.write(dir, 3, 65, 63);
        Path clip = dir.resolve("odd.mp4");
        VideoFiles.encode(files, clip, 25, false);
        Path decoded = dir.resolve("decoded");
        assertEquals(25, VideoFiles.decode(clip, createDirectory(decoded)), 1e-9);
        List<Path> frames = FrameFolder.inputs(decoded);
        assertEquals(3, frames.size());
        RgbImage first = ImageLoading.read(frames.get(0));
        // yuv420p halves the chroma planes: the last column and row go
        assertEquals(64, first.width());
        assertEquals(62, first.height());
    }

    private static Path createDirectory(Path p) {
        try {
            return Files.createDirectory(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void badInputsAreOneLineErrors(@TempDir Path dir) {
        Run noFrames = run("--frames", dir.resolve("missing").toString(), "--output-dir", dir.resolve("o").toString());
        assertEquals(ExitCodes.IMAGE, noFrames.code(), noFrames.err());
        assertEquals(1, noFrames.err().strip().lines().count(), noFrames.err());
        Run notVideo = run("--input", dir.resolve("none.mp4").toString(), "--output-dir", dir.resolve("o").toString());
        assertEquals(ExitCodes.IMAGE, notVideo.code(), notVideo.err());
        Run both = run("--frames", "a", "--input", "b", "--output-dir", "o");
        assertEquals(ExitCodes.USAGE, both.code(), both.err());
        Run weight = run("--frames", "a", "--output-dir", "o", "--no-temporal", "--temporal-weight", "5");
        assertEquals(ExitCodes.USAGE, weight.code(), weight.err());
    }
}
