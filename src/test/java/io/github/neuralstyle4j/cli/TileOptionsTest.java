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
    void theConfigAloneAsksForTilesAndTheCrop(@TempDir Path dir) throws IOException {
        var base = io.github.neuralstyle4j.config.ConfigLoader.load(Path.of("config/default.json"));
        var c = base.toBuilder().content(base.content().withCrop("16:9"))
                .tiles(new io.github.neuralstyle4j.config.TileSpec("2x2", 16, null)).build();
        Path config = Files.writeString(dir.resolve("tiled.json"), io.github.neuralstyle4j.config.ConfigLoader.toJson(c));
        Path out = dir.resolve("out.png");
        CliTest.Run r = CliTest.run("stylize", "--config", config.toString(), "--size", "54", "--max-evaluations",
                "2", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage image = ImageIO.read(out.toFile());
        assertEquals(96, image.getWidth()); // 512×288 (16:9 of 512×384) at a shorter side of 54
        assertEquals(54, image.getHeight());
        assertTrue(r.out().contains("on 2×2 tiles of"), r.out());
        // the command line's --tiles replaces the config's
        CliTest.Run off = CliTest.run("stylize", "--config", config.toString(), "--size", "54", "--max-evaluations",
                "2", "--tiles", "off", "--output", dir.resolve("off.png").toString());
        assertEquals(0, off.code(), off.err());
        assertTrue(!off.out().contains("tiles of"), off.out());
        // tiles are for one image: a batch with a tiled config is refused before it starts
        assertEquals(ExitCodes.USAGE, CliTest.run("stylize", "--config", config.toString(), "--content-dir",
                dir.toString(), "--output-dir", dir.resolve("batch").toString(), "--quiet").code());
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
