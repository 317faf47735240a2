package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.image.BuiltinImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No output may destroy an input, another output or a device, with or without {@code --overwrite}: each case is
 * refused before any work (exit 7, one line) and every file is byte for byte what it was.
 */
class OutputSafetyTest {

    private static final String CONFIG = "config/default.json";

    private static Path png(Path file, String builtin) throws IOException {
        ImageIO.write(BuiltinImages.render(builtin), "png", file.toFile());
        return file;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void refusedUnchanged(String says, List<Path> kept, String... args) throws Exception {
        List<String> before = new java.util.ArrayList<>();
        for (Path p : kept) {
            before.add(sha256(p));
        }
        CliTest.Run r = CliTest.run(args);
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(says), r.err());
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(before.get(i), sha256(kept.get(i)), kept.get(i) + " changed");
        }
    }

    @Test
    void anOutputThatIsAnInputIsRefusedEvenWithOverwrite(@TempDir Path dir) throws Exception {
        Path content = png(dir.resolve("content.png"), BuiltinImages.LANDSCAPE);
        Path style = png(dir.resolve("style.png"), BuiltinImages.BRUSHSTROKES);
        Path config = Files.copy(Path.of(CONFIG), dir.resolve("config.json"));
        Files.createLink(dir.resolve("hardlink.png"), content);
        Files.createDirectories(dir.resolve("sub"));
        List<Path> inputs = List.of(content, style, config);
        String[] base = {"stylize", "--config", config.toString(), "--content", content.toString(), "--style",
                style.toString(), "--size", "16", "--steps", "1", "--overwrite"};
        refusedUnchanged("is the content image", inputs, with(base, "--output", content.toString()));
        // spelled differently, and through a hard link: the same file all the same
        refusedUnchanged("is the style image", inputs, with(base, "--output", dir + "/./sub/../style.png"));
        refusedUnchanged("is the content image", inputs, with(base, "--output", dir.resolve("hardlink.png").toString()));
        refusedUnchanged("is the config", inputs, with(base, "--output", dir.resolve("o.png").toString(),
                "--report", config.toString()));
        assertFalse(Files.exists(dir.resolve("o.png")));
    }

    @Test
    void twoOutputsOnOneFileAreRefused(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.png");
        CliTest.Run r = CliTest.run("stylize", "--config", CONFIG, "--size", "16", "--steps", "1", "--output",
                x.toString(), "--report", dir + "/./x.png");
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("--output and --report are the same file"), r.err());
        assertFalse(Files.exists(x), "nothing written before the refusal");
    }

    @Test
    void aDeviceOrFifoIsNeverReplaced(@TempDir Path dir) throws Exception {
        Path pipe = HostileInputsTest.fifo(dir.resolve("pipe.json"));
        CliTest.Run r = CliTest.run("stylize", "--config", CONFIG, "--size", "16", "--steps", "1", "--output",
                dir.resolve("o.png").toString(), "--report", "/dev/null", "--overwrite");
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("character device"), r.err());
        assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
        r = CliTest.run("stylize", "--config", CONFIG, "--size", "16", "--steps", "1", "--output",
                dir.resolve("o.png").toString(), "--report", pipe.toString(), "--overwrite");
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("FIFO"), r.err());
        assertFalse(Files.isRegularFile(pipe));
    }

    @Test
    void aBatchRefusesItsOwnFolderAndCollidingNamesBeforeTheFirstRun(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Path jpg = photos.resolve("photo.jpg");
        ImageIO.write(BuiltinImages.render(BuiltinImages.LANDSCAPE), "jpg", jpg.toFile());
        Path png = png(photos.resolve("photo.png"), BuiltinImages.BRUSHSTROKES);
        refusedUnchanged("is --content-dir", List.of(jpg, png), "stylize", "--config", CONFIG, "--size", "16",
                "--steps", "1", "--content-dir", photos.toString(), "--output-dir", dir + "/photos/.", "--overwrite");
        Path out = dir.resolve("out");
        refusedUnchanged("are the same file", List.of(jpg, png), "stylize", "--config", CONFIG, "--size", "16",
                "--steps", "1", "--content-dir", photos.toString(), "--output-dir", out.toString());
        try (Stream<Path> files = Files.exists(out) ? Files.list(out) : Stream.empty()) {
            assertEquals(0, files.count(), "no run started");
        }
    }

    /** The other commands that write images: visualize's grid and search's contact sheet. */
    @Test
    void visualizeAndSearchSheetsNeverReplaceTheirInputOrADevice(@TempDir Path dir) throws Exception {
        Path photo = png(dir.resolve("photo.png"), BuiltinImages.LANDSCAPE);
        refusedUnchanged("is the input image", List.of(photo), "visualize", "--image", photo.toString(), "--layer",
                "conv_3", "--size", "32", "--output", photo.toString());
        CliTest.Run device = CliTest.run("visualize", "--image", photo.toString(), "--layer", "conv_3", "--size",
                "32", "--output", "/dev/null");
        assertEquals(ExitCodes.IO, device.code(), device.err());
        refusedUnchanged("is the query image", List.of(photo), "search", "query", "--index", dir.toString(),
                "--sheet", photo.toString(), photo.toString());
        CliTest.Run size = CliTest.run("visualize", "--image", photo.toString(), "--layer", "conv_3", "--size", "0",
                "--output", dir.resolve("grid.png").toString());
        assertEquals(ExitCodes.USAGE, size.code(), size.err());
        assertTrue(size.err().contains("--size"), size.err());
    }

    private static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }
}
