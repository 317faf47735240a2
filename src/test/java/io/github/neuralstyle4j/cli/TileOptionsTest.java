package io.github.neuralstyle4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --tiles}, {@code --tiles-dir} and {@code --crop} through the real command line, at 48 px. */
class TileOptionsTest {

    @Test
    void aTiledRunPrintsItsPlanWritesTheCroppedSizeAndKeepsItsTiles(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.png");
        CliTest.Run r = CliTest.run("stylize", "--config", "config/default.json", "--crop", "16:9", "--max-side",
                "96", "--max-evaluations", "3", "--tiles", "2x2", "--tile-overlap", "16", "--tiles-dir",
                dir.resolve("tiles").toString(), "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        // the built-in landscape is 512×384; its 16:9 centre is 512×288, 96 px wide at --max-side 96
        BufferedImage image = ImageIO.read(out.toFile());
        assertEquals(96, image.getWidth());
        assertEquals(54, image.getHeight());
        assertTrue(r.out().contains("on 2×2 tiles of"), r.out());
        // not a terminal: a progress line per tile after the first (the config's listener passes tiles on)
        assertTrue(r.err().contains("tile 4/4"), r.err());
        assertTrue(Files.exists(dir.resolve("tiles/stage-1-tile-4.bin")), "the last tile was kept");
    }

    @Test
    void misplacedOrMalformedTileOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, CliTest.run("stylize", "--tiles", "2by2", "--quiet").code());
        assertEquals(ExitCodes.USAGE, CliTest.run("stylize", "--crop", "16-9", "--quiet").code());
        assertEquals(ExitCodes.USAGE, CliTest.run("stylize", "--tiles-dir", "x", "--quiet").code());
        assertEquals(ExitCodes.USAGE, CliTest.run("stylize", "--tiles", "auto", "--tile-overlap", "2",
                "--quiet").code());
    }
}
