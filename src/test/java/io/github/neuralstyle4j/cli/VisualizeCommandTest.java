package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.image.TileGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code visualize} end to end on the embedded default backbone, at a small size. */
class VisualizeCommandTest {

    @Test
    void writesTheGridOfTheTopChannels(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("out/grid.png");
        CliTest.Run r = CliTest.run("visualize", "--image", "builtin:landscape", "--layer", "conv_3", "--top", "4",
                "--size", "64", "--output", output.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage grid = ImageIO.read(output.toFile());
        // landscape 512×384 → 85×64 tiles; 5 tiles (input + 4) in 3 columns × 2 rows; caption strips of 7 rows:
        // width 3·(85+2)+2 = 263, height 2·(64+7+2)+2 = 148
        assertEquals(263, grid.getWidth());
        assertEquals(148, grid.getHeight());
        assertArrayEquals(new int[] {263, 148}, TileGrid.size(5, 85, 64));
        assertTrue(r.out().contains("deconvnet"), r.out());
        // a projection tile is not uniform, and differs from the input tile at the same place
        int x0 = TileGrid.GAP + 85 + TileGrid.GAP;
        int y0 = TileGrid.GAP;
        int first = grid.getRGB(x0 + 40, y0 + 30);
        boolean varies = false;
        for (int y = 0; y < 64 && !varies; y++) {
            for (int x = 0; x < 85 && !varies; x++) {
                varies = grid.getRGB(x0 + x, y0 + y) != first;
            }
        }
        assertTrue(varies, "projection tile is uniform");
        assertTrue(Files.list(output.getParent()).allMatch(p -> p.equals(output)), "no temporary file left");
    }

    @Test
    void methodsAndExplicitChannelsGiveDifferentTiles(@TempDir Path dir) throws Exception {
        int[][] tiles = new int[3][];
        String[] methods = {"deconvnet", "gradient", "guided"};
        for (int m = 0; m < 3; m++) {
            Path output = dir.resolve(methods[m] + ".png");
            CliTest.Run r = CliTest.run("visualize", "--image", "builtin:landscape", "--layer", "conv_2",
                    "--channels", "0,5", "--method", methods[m], "--size", "32", "--quiet", "--output", output.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals("", r.out());
            BufferedImage grid = ImageIO.read(output.toFile());
            // 3 tiles of 42×32 in 2 columns × 2 rows
            assertEquals(2 * (42 + 2) + 2, grid.getWidth());
            assertEquals(2 * (32 + 7 + 2) + 2, grid.getHeight());
            tiles[m] = grid.getRGB(TileGrid.GAP + 42 + TileGrid.GAP, TileGrid.GAP, 42, 32, null, 0, 42);
        }
        assertFalse(java.util.Arrays.equals(tiles[0], tiles[1]), "deconvnet = gradient");
        assertFalse(java.util.Arrays.equals(tiles[1], tiles[2]), "gradient = guided");
    }

    @Test
    void anExistingOutputIsRefusedUnlessOverwriteAsStylizeDoes(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("v.png");
        Files.writeString(output, "last night's result");
        String[] args = {"visualize", "--image", "builtin:landscape", "--layer", "conv_1", "--top", "1", "--size", "16",
                "--quiet", "--output", output.toString()};
        CliTest.Run refused = CliTest.run(args);
        assertEquals(ExitCodes.IO, refused.code(), refused.err());
        assertTrue(refused.err().contains("pass --overwrite"), refused.err());
        assertEquals("last night's result", Files.readString(output));
        String[] again = java.util.Arrays.copyOf(args, args.length + 1);
        again[args.length] = "--overwrite";
        CliTest.Run replaced = CliTest.run(again);
        assertEquals(0, replaced.code(), replaced.err());
        assertNotNull(ImageIO.read(output.toFile()));
    }

    @Test
    void unknownLayerListsTheValidOnes(@TempDir Path dir) {
        CliTest.Run r = CliTest.run("visualize", "--image", "builtin:landscape", "--layer", "conv_99", "--size", "32",
                "--output", dir.resolve("o.png").toString());
        assertEquals(ExitCodes.BACKBONE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("conv_99") && r.err().contains("conv_1") && r.err().contains("conv_16"), r.err());
        assertFalse(Files.exists(dir.resolve("o.png")));
    }

    @Test
    void channelOutOfRangeNamesTheChannelCount(@TempDir Path dir) {
        CliTest.Run r = CliTest.run("visualize", "--image", "builtin:landscape", "--layer", "conv_1",
                "--channels", "3,64", "--size", "32", "--output", dir.resolve("o.png").toString());
        assertEquals(ExitCodes.CONFIG, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("64 channels") && r.err().contains("conv_1"), r.err());
        assertFalse(Files.exists(dir.resolve("o.png")));
    }

    @Test
    void badMethodIsAUsageError(@TempDir Path dir) {
        CliTest.Run r = CliTest.run("visualize", "--image", "builtin:landscape", "--layer", "conv_1",
                "--method", "occlusion", "--output", dir.resolve("o.png").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertNotEquals("", r.err());
    }
}
