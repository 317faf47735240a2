package io.github.neuralstyle4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.neuralstyle4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs are checked before any work, and a run that fails half-way still writes what it earned. */
class RunFaultsTest {

    private static String[] stylize(Path output, String... more) {
        String[] base = {"stylize", "--config", "config/seed.json", "--size", "32", "--steps", "3", "--quiet",
                "--output", output.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertOneLine(CliTest.Run r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void anExistingOutputIsKeptUnlessOverwriteIsGiven(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("out.png");
        Files.writeString(output, "last night's result");
        CliTest.Run refused = run(stylize(output));
        assertEquals(ExitCodes.IO, refused.code());
        assertOneLine(refused);
        assertTrue(refused.err().contains("already exists") && refused.err().contains("--overwrite"), refused.err());
        assertEquals("last night's result", Files.readString(output));

        CliTest.Run replaced = run(stylize(output, "--overwrite"));
        assertEquals(0, replaced.code(), replaced.err());
        assertNotNull(ImageIO.read(output.toFile()), "a PNG replaced the text file");
    }

    @Test
    void anExistingReportIsKeptUnlessOverwriteIsGiven(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Files.writeString(report, "{}");
        CliTest.Run refused = run(stylize(dir.resolve("out.png"), "--report", report.toString()));
        assertEquals(ExitCodes.IO, refused.code());
        assertTrue(refused.err().contains("report.json already exists"), refused.err());
        assertFalse(Files.exists(dir.resolve("out.png")), "refused before the run, so no image either");
    }

    @Test
    void anUnwritableOutputFolderIsAnErrorBeforeAnyWork(@TempDir Path dir) throws Exception {
        // a regular file where a folder must be: unwritable even for root, unlike permission bits
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        Path output = file.resolve("sub/out.png");
        CliTest.Run r = run("stylize", "--config", "config/seed.json", "--size", "32", "--steps", "3",
                "--output", output.toString());
        assertEquals(ExitCodes.IO, r.code());
        assertOneLine(r);
        assertTrue(r.err().contains("Cannot create the output folder"), r.err());
        assertFalse(r.out().contains("Optimizing"), "refused before the run started: " + r.out());
    }

    @Test
    void anUnsupportedOutputExtensionIsAnErrorBeforeAnyWork(@TempDir Path dir) {
        CliTest.Run r = run("stylize", "--config", "config/seed.json", "--size", "32", "--steps", "3",
                "--output", dir.resolve("out.tiff").toString());
        assertEquals(ExitCodes.IO, r.code());
        assertOneLine(r);
        assertTrue(r.err().contains(".png"), r.err());
        assertFalse(r.out().contains("Optimizing"), r.out());
    }

    @Test
    void aMissingOutputFolderIsCreated(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("a/b/out.jpg");
        CliTest.Run r = run(stylize(output));
        assertEquals(0, r.code(), r.err());
        assertEquals(42, ImageIO.read(output.toFile()).getWidth());
    }

    @Test
    void anImageOverThePixelLimitIsRefused(@TempDir Path dir) {
        // builtin:landscape is 512×384 = 196,608 pixels
        CliTest.Run r = run(stylize(dir.resolve("out.png"), "--max-pixels", "100000"));
        assertEquals(ExitCodes.IMAGE, r.code());
        assertOneLine(r);
        assertTrue(r.err().contains("196,608") && r.err().contains("100,000"), r.err());
        assertFalse(Files.exists(dir.resolve("out.png")));
    }

    @Test
    void aNonFiniteGradientStopsTheRunWithTheEvaluationNumber(@TempDir Path dir) throws Exception {
        // 1e300 is a finite double, so the loss (summed in double) is finite, but the float32 gradient scale overflows
        // to Inf: only a check of the gradient itself catches it, at the first evaluation
        Path config = dir.resolve("overflow.json");
        Files.writeString(config, "{\"backbone\": \"onnx/vgg19-random\","
                + " \"content\": {\"image\": \"builtin:landscape\", \"layers\": {\"conv_4\": 1}},"
                + " \"style\": {\"images\": [\"builtin:brushstrokes\"], \"weight\": 1e300, \"layers\": {\"conv_1\": 1}}}");
        Path output = dir.resolve("out.png");
        Path report = dir.resolve("report.json");
        CliTest.Run r = run("stylize", "--config", config.toString(), "--size", "32", "--steps", "40", "--quiet",
                "--output", output.toString(), "--report", report.toString());
        assertEquals(ExitCodes.RUNTIME, r.code(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains("the gradient is not finite at evaluation 1; no evaluation finished"), r.err());
        assertFalse(Files.exists(output));
        assertFalse(Files.exists(report));
    }

    @Test
    void aRunThatCannotFitInMemoryIsRefusedWithTheEstimateAndTheLimit(@TempDir Path dir) {
        // 10 MB is below the runtime alone, so any size is refused; the default (available memory) lets 32 px run
        CliTest.Run r = run(stylize(dir.resolve("out.png"), "--max-memory", "10"));
        assertEquals(ExitCodes.CONFIG, r.code(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains("needs an estimated") && r.err().contains("10 MB --max-memory limit")
                && r.err().contains("smaller --size") && r.err().contains("coarse-to-fine \"schedule\""), r.err());
        assertFalse(r.out().contains("Optimizing"), r.out());
        assertFalse(Files.exists(dir.resolve("out.png")));
    }

    @Test
    void aScheduleIsEstimatedAtItsLargestStage(@TempDir Path dir) {
        // config/coarse-to-fine.json says size 128 but its stages end at 256 px. Estimated today: 468 MB at 170×128,
        // 805 MB at 341×256; a 700 MB limit passes the former and refuses the latter, so only an estimate made at
        // the last stage refuses it (--steps 1 keeps the run short should the check let it through)
        CliTest.Run r = CliTest.run("stylize", "--config", "config/coarse-to-fine.json", "--steps", "1", "--quiet",
                "--output", dir.resolve("out.png").toString(), "--max-memory", "700");
        assertEquals(ExitCodes.CONFIG, r.code(), r.err());
        assertTrue(r.err().contains("a 341×256 run needs an estimated"), r.err());
        assertFalse(Files.exists(dir.resolve("out.png")));
    }
}
